/** AWS Lambda adapter: createHandler plus the per-flavour translations, for callers who compose their own. */
export { createHandler, isLambdaHttpEvent, type HandlerOptions } from './handler.js';
export { apiGatewayV1ToRequest, responseToApiGatewayV1, isApiGatewayV1Event } from './api-gateway-v1.js';
export { apiGatewayV2ToRequest, responseToApiGatewayV2, isApiGatewayV2Event } from './api-gateway-v2.js';
export { albToRequest, responseToAlb, isAlbEvent } from './alb.js';
export { powertoolsObserver, memoryObserver, type RequestObserver, type RequestRecord } from './observe.js';
export type { LambdaHttpEvent, LambdaHttpResult, LambdaHttpHandler, LambdaContextLike } from './types.js';
