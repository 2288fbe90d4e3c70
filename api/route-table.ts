/**
 * Every route the app mounts, as Express templates, to name the route of a
 * request answered before routing (malformed JSON, too large, shed at the
 * door): its latency sample and log line then carry `/v1/transactions`, not
 * `unmatched`. Only a path no route serves stays `unmatched`.
 */
export class RouteTable {
  private readonly routes: Array<{ method: string; template: string; pattern: RegExp }> = [];

  add(method: string, template: string): void {
    const pattern = new RegExp(`^${template.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
    this.routes.push({ method: method.toUpperCase(), template, pattern });
  }

  /** The template serving `method path`: the first mounted that matches, as Express picks. */
  match(method: string, path: string): string | undefined {
    return this.routes.find((r) => r.method === method && r.pattern.test(path))?.template;
  }
}
