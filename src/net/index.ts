/** httpsGet: one bounded HTTPS GET with every failure named; resolverLookup: host addresses through an inkan Resolver. */
export { httpsGet, resolverLookup, type HostLookup, type HostLookupFailure, type HostLookupResult, type HttpsGetOptions, type HttpsGetResult } from './https-get.js';
