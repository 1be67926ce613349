// Types for api-report.mjs (the repo test imports it).
export interface PublishedPackage {
  dir: string;
  name: string;
}
export declare const repoRoot: string;
export declare const PUBLISHED: PublishedPackage[];
export declare function reportPath(pkg: PublishedPackage): string;
export declare function apiReport(pkg: PublishedPackage): string;
