// Types for pack-packages.mjs (the e2e tests import it).
import type { PublishedPackage } from './api-report.mjs';

export declare function cliClosure(): PublishedPackage[];
export declare function packPackages(dest: string, packages?: PublishedPackage[]): Record<string, string>;
