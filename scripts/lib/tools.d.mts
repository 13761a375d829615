export declare const ROOT: string;
export declare const PESTER_VERSION: string;
export declare function findPwsh(): string | null;
export declare function pesterModulePath(): string;
export declare function chromiumPath(): string;
export declare function findElectronBinary(): string | null;
