export declare function httpOverHttp(options?: unknown): undefined
export declare function httpsOverHttp(options?: unknown): undefined
export declare function httpOverHttps(options?: unknown): undefined
export declare function httpsOverHttps(options?: unknown): undefined
