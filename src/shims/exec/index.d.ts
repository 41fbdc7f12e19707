export declare function getExecOutput(...args: unknown[]): Promise<never>
