import { createHash } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type AccountInfo, type AccountManager, CcsError, type Credentials, usageError } from '@ccs/core';
import { ensureDir, readJsonFile, withFileLock, writeFileAtomic } from '@ccs/provider-kit';
import { type ApiKeyFile, apiKeyFileSchema } from './api-key-file.js';

export interface ApiKeyAccount extends AccountInfo {
  /** config: from api-key-entries in config.yaml (read-only); stored: by `ccs <id> --auth`. */
  source: 'config' | 'stored';
}

export interface AddAccountOptions {
  nickname?: string;
  makeDefault?: boolean;
}

export interface AddedAccount {
  account: AccountInfo;
  created: boolean;
}

export interface ApiKeyAccountStoreOptions {
  providerId: string;
  authDir: string;
  /** Keys from config.yaml, in file order. */
  configKeys: readonly string[];
  now: () => Date;
}

const NICKNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * The accounts of one OpenAI-compatible endpoint: each API key is an account. Keys from config.yaml
 * come first (`config-1`, …; edited in the file, not here); keys stored by `--auth` live in their own
 * 0600 file each, `<authDir>/<provider>-<id>.json`, where `<id>` is derived from the key, so storing
 * the same key again replaces it instead of adding a twin.
 */
export class ApiKeyAccountStore implements AccountManager {
  private readonly startedAt: string;

  constructor(private readonly options: ApiKeyAccountStoreOptions) {
    this.startedAt = options.now().toISOString();
  }

  private get lockPath(): string {
    return join(this.options.authDir, `.${this.options.providerId}-accounts.lock`);
  }

  private fileOf(id: string): string {
    return join(this.options.authDir, `${this.options.providerId}-${id}.json`);
  }

  private async storedFiles(): Promise<ApiKeyFile[]> {
    let names: string[];
    try {
      names = await readdir(this.options.authDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const prefix = `${this.options.providerId}-`;
    const files: ApiKeyFile[] = [];
    for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.json')).sort()) {
      const read = await readJsonFile(join(this.options.authDir, name), apiKeyFileSchema);
      // Another provider whose id starts with ours (open / open-router) owns files we also match.
      if (read.status === 'ok' && read.value.provider === this.options.providerId) files.push(read.value);
    }
    return files.sort((a, b) => a.created_at.localeCompare(b.created_at));
  }

  /** Every account with its key, default first-class: what chat requests and the catalog use. */
  async listWithKeys(): Promise<Array<ApiKeyAccount & { apiKey: string }>> {
    const stored = await this.storedFiles();
    const pinned = stored.find((f) => f.default);
    const out: Array<ApiKeyAccount & { apiKey: string }> = this.options.configKeys.map((apiKey, i) => ({
      id: `config-${i + 1}`,
      providerId: this.options.providerId,
      nickname: `config-${i + 1}`,
      isDefault: false,
      createdAt: this.startedAt,
      source: 'config',
      apiKey,
    }));
    for (const file of stored) {
      out.push({
        id: file.id,
        providerId: this.options.providerId,
        nickname: file.nickname,
        isDefault: false,
        createdAt: file.created_at,
        source: 'stored',
        apiKey: file.api_key,
      });
    }
    const chosen = pinned ? out.find((a) => a.id === pinned.id) : out[0];
    if (chosen) chosen.isDefault = true;
    return out;
  }

  async list(): Promise<AccountInfo[]> {
    return (await this.listWithKeys()).map(({ apiKey: _key, ...account }) => account);
  }

  async getDefault(): Promise<AccountInfo | undefined> {
    return (await this.list()).find((a) => a.isDefault);
  }

  /** The key of an account; throws AUTH_REQUIRED when it is gone (removed since). */
  async credentialsOf(accountId: string): Promise<ApiKeyAccount & { apiKey: string }> {
    const account = (await this.listWithKeys()).find((a) => a.id === accountId);
    if (account) return account;
    throw new CcsError(
      'AUTH_REQUIRED',
      `The "${this.options.providerId}" account ${accountId} no longer exists.`,
      { details: { providerId: this.options.providerId, authKind: 'api-key' } },
    );
  }

  async resolve(nameOrId: string): Promise<AccountInfo> {
    const wanted = nameOrId.trim().toLowerCase();
    const accounts = await this.list();
    const found = accounts.find((a) => a.id.toLowerCase() === wanted || a.nickname.toLowerCase() === wanted);
    if (found) return found;
    throw new CcsError('USAGE', `"${this.options.providerId}" has no account "${nameOrId}".`, {
      ...(accounts.length
        ? { suggestion: `Known accounts: ${accounts.map((a) => a.nickname).join(', ')}.` }
        : {}),
      details: {
        providerId: this.options.providerId,
        authKind: 'api-key',
        noAccounts: accounts.length === 0,
      },
    });
  }

  checkNickname(nickname: string): void {
    if (!NICKNAME.test(nickname)) {
      throw usageError(
        `"${nickname}" is not a valid nickname.`,
        'Use up to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
      );
    }
    if (/^config-\d+$/.test(nickname)) {
      throw usageError(`"${nickname}" is reserved for the keys in config.yaml.`, 'Pick another nickname.');
    }
  }

  private readOnly(account: ApiKeyAccount, what: string): never {
    throw usageError(
      `${account.nickname} is a key from config.yaml (openai-compatibility "${this.options.providerId}"); ${what}`,
      'Edit api-key-entries in config.yaml instead.',
    );
  }

  /** By id, else by nickname (the host passes ids; people type nicknames). */
  private async find(accountId: string): Promise<ApiKeyAccount> {
    const all = await this.listWithKeys();
    const byId = all.find((a) => a.id === accountId);
    if (byId) return byId;
    const resolved = await this.resolve(accountId);
    return all.find((a) => a.id === resolved.id)!;
  }

  private async rewrite(file: ApiKeyFile): Promise<void> {
    await ensureDir(this.options.authDir, 0o700);
    await writeFileAtomic(this.fileOf(file.id), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }

  /** Stores a key from `--auth` (0600). The first key, or `makeDefault`, becomes the default. */
  async add(credentials: Credentials, options: AddAccountOptions = {}): Promise<AddedAccount> {
    const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
    if (!apiKey)
      throw new CcsError('USAGE', 'No API key was given.', {
        details: { providerId: this.options.providerId, noKey: true },
      });
    if (options.nickname !== undefined) this.checkNickname(options.nickname);
    const id = `key-${createHash('sha256').update(apiKey).digest('hex').slice(0, 8)}`;
    return withFileLock(this.lockPath, async () => {
      const stored = await this.storedFiles();
      const existing = stored.find((f) => f.id === id);
      const taken = stored.find(
        (f) => f.id !== id && f.nickname.toLowerCase() === options.nickname?.toLowerCase(),
      );
      if (taken)
        throw usageError(`The nickname "${options.nickname}" is already used.`, 'Pick another nickname.');
      const hasAny = stored.length > 0 || this.options.configKeys.length > 0;
      const makeDefault = options.makeDefault === true || !hasAny;
      if (makeDefault) {
        for (const other of stored.filter((f) => f.default && f.id !== id))
          await this.rewrite({ ...other, default: false });
      }
      const file: ApiKeyFile = {
        type: 'api-key',
        provider: this.options.providerId,
        id,
        nickname: options.nickname ?? existing?.nickname ?? this.freeNickname(stored),
        api_key: apiKey,
        created_at: existing?.created_at ?? this.options.now().toISOString(),
        ...(makeDefault || existing?.default ? { default: true } : {}),
      };
      await this.rewrite(file);
      const account = (await this.list()).find((a) => a.id === id)!;
      return { account, created: !existing };
    });
  }

  private freeNickname(stored: ApiKeyFile[]): string {
    const used = new Set(stored.map((f) => f.nickname.toLowerCase()));
    for (let n = 1; ; n++) if (!used.has(`key-${n}`)) return `key-${n}`;
  }

  async setDefault(accountId: string): Promise<void> {
    const account = await this.find(accountId);
    if (account.source === 'config' && account.id !== 'config-1') {
      this.readOnly(
        account,
        'config.yaml keys are used in file order, so the first one is the default among them.',
      );
    }
    await withFileLock(this.lockPath, async () => {
      for (const file of await this.storedFiles()) {
        const isIt = file.id === account.id;
        if (Boolean(file.default) !== isIt) await this.rewrite({ ...file, default: isIt });
      }
    });
  }

  async rename(accountId: string, nickname: string): Promise<void> {
    const account = await this.find(accountId);
    if (account.source === 'config') this.readOnly(account, 'it cannot be renamed.');
    this.checkNickname(nickname);
    await withFileLock(this.lockPath, async () => {
      const stored = await this.storedFiles();
      if (stored.some((f) => f.id !== account.id && f.nickname.toLowerCase() === nickname.toLowerCase())) {
        throw usageError(`The nickname "${nickname}" is already used.`, 'Pick another nickname.');
      }
      const file = stored.find((f) => f.id === account.id);
      if (file) await this.rewrite({ ...file, nickname });
    });
  }

  async remove(accountId: string): Promise<void> {
    const account = await this.find(accountId);
    if (account.source === 'config') this.readOnly(account, 'it cannot be removed here.');
    await withFileLock(this.lockPath, async () => {
      await unlink(this.fileOf(account.id)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    });
  }
}
