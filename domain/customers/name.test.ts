import { fullName, splitName } from './name';

describe('splitName / fullName', () => {
  it('splits at the first space, and joins back to the same name', () => {
    expect(splitName('John Doe')).toEqual({ firstName: 'John', lastName: 'Doe' });
    expect(splitName('Mary Ann  Smith ')).toEqual({ firstName: 'Mary', lastName: 'Ann Smith' });
    expect(fullName(splitName('Mary Ann Smith'))).toBe('Mary Ann Smith');
  });

  it('keeps a single word as the first name', () => {
    expect(splitName(' Cher ')).toEqual({ firstName: 'Cher', lastName: null });
    expect(fullName({ firstName: 'Cher', lastName: null })).toBe('Cher');
    expect(fullName({ firstName: null, lastName: null })).toBe('');
  });
});
