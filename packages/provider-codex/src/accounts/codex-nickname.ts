import { usageError } from '@ccs/core';

const FORBIDDEN = /[\s%/&?#]/;

/** Why a nickname is not acceptable, or undefined (CCS rules: 1–50 chars, no whitespace, none of % / & ? #). */
export function nicknameProblem(nickname: string): string | undefined {
  if (nickname.length === 0) return 'it is empty';
  if ([...nickname].length > 50) return 'it is longer than 50 characters';
  if (FORBIDDEN.test(nickname)) return 'it contains whitespace or one of % / & ? #';
  return undefined;
}

/** Throws a usage error unless `nickname` is valid and unused by other accounts (case-insensitive). */
export function assertNicknameAvailable(nickname: string, taken: Iterable<string>): void {
  const problem = nicknameProblem(nickname);
  if (problem) {
    throw usageError(
      `Invalid nickname "${nickname}": ${problem}.`,
      'Use 1–50 characters without spaces or % / & ? #, e.g. work or john-personal.',
    );
  }
  const lower = nickname.toLowerCase();
  for (const name of taken) {
    if (name.toLowerCase() === lower) {
      throw usageError(
        `The nickname "${nickname}" is already used by another account.`,
        'Choose a different nickname.',
      );
    }
  }
}

/** Default nickname: the email's local part (cleaned), made unique with -2, -3, … */
export function defaultNickname(email: string | undefined, taken: Iterable<string>): string {
  const local = (email ?? 'account').split('@')[0] ?? 'account';
  let base = local.replace(/[\s%/&?#]/g, '').slice(0, 45);
  if (!base) base = 'account';
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${i}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}
