/** The local API server that mirrors API Gateway's REST proxy integration. */
export { createDevServer, listen, API_GATEWAY_MAX_PAYLOAD, type DevServerOptions } from './server.js';
export { toApiGatewayV1Event, DEFAULT_BINARY_MEDIA_TYPES, type EventBuildOptions } from './event.js';
