/**
 * Rung after a transaction that recorded follow-ups commits, so the relay in
 * this process starts them at once instead of at its next sweep.
 */
export class Doorbell {
  private readonly listeners = new Set<() => void>();

  ring(): void {
    for (const listener of this.listeners) listener();
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
