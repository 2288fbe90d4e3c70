import { isIanaTimeZone } from './scheme';

it.each(['Europe/Malta', 'UTC', 'America/New_York'])('accepts the time zone %s', (tz) => expect(isIanaTimeZone(tz)).toBe(true));
it.each(['Mars/Olympus', 'GMT+25', ''])('rejects the time zone %j', (tz) => expect(isIanaTimeZone(tz)).toBe(false));
