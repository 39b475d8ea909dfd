import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

export interface PasswordRule {
  readonly id: string;
  readonly label: string;
  readonly met: (password: string) => boolean;
}

/** The server's rules (check_password_strength), so the form refuses what the API would. */
export const PASSWORD_RULES: readonly PasswordRule[] = [
  { id: 'length', label: 'At least 8 characters', met: (p) => [...p].length >= 8 },
  { id: 'bytes', label: 'At most 72 bytes', met: (p) => new TextEncoder().encode(p).length <= 72 },
  { id: 'upper', label: 'An upper-case letter', met: (p) => /\p{Lu}/u.test(p) },
  { id: 'digit', label: 'A digit', met: (p) => /\p{Nd}/u.test(p) },
  { id: 'special', label: 'A special character (not a letter or digit)', met: (p) => /[^A-Za-z0-9]/.test(p) },
];

export interface RuleState {
  readonly rule: PasswordRule;
  readonly met: boolean;
}

export function passwordChecklist(password: string): readonly RuleState[] {
  return PASSWORD_RULES.map((rule) => ({ rule, met: rule.met(password) }));
}

export const strongPassword: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const unmet = passwordChecklist(control.value ?? '').filter((state) => !state.met);
  return unmet.length ? { password: unmet.map((state) => state.rule.id) } : null;
};

/** The server's username rule: 3-50 letters, digits or underscores. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_]{3,50}$/;
