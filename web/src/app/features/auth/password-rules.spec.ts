import { FormControl } from '@angular/forms';

import { passwordChecklist, strongPassword } from './password-rules';

function unmet(password: string): string[] {
  return passwordChecklist(password)
    .filter((state) => !state.met)
    .map((state) => state.rule.id);
}

describe('the password rules', () => {
  it('follow the server: 8+ characters, an upper-case letter, a digit, a special character', () => {
    expect(unmet('')).toEqual(['length', 'upper', 'digit', 'special']);
    expect(unmet('Sh0rt!')).toEqual(['length']);
    expect(unmet('alllowercase1!')).toEqual(['upper']);
    expect(unmet('NoDigitsHere!')).toEqual(['digit']);
    expect(unmet('NoSpecial123')).toEqual(['special']);
    expect(unmet('Demo-pass1!')).toEqual([]);
  });

  it('count bytes as the server does, at most 72', () => {
    expect(unmet('Aa1!' + 'é'.repeat(34))).toEqual([]); // 4 + 68 bytes
    expect(unmet('Aa1!' + 'é'.repeat(35))).toEqual(['bytes']);
  });

  it('make the form control invalid until every rule is met', () => {
    const control = new FormControl('weak', { nonNullable: true, validators: [strongPassword] });
    expect(control.errors).toEqual({ password: ['length', 'upper', 'digit', 'special'] });
    control.setValue('Str0ng!pass');
    expect(control.valid).toBe(true);
  });
});
