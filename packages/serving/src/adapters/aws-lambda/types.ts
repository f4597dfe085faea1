/** The Lambda event and result shapes this adapter understands (types from @types/aws-lambda). */
import type {
  ALBEvent,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';

export type { ALBEvent, ALBResult, APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult, Context };
export type { APIGatewayProxyStructuredResultV2 };

/** API Gateway REST (v1 proxy), HTTP API (payload 2.0), Function URL (same shape as 2.0) or ALB. */
export type LambdaHttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2 | ALBEvent;
export type LambdaHttpResult = APIGatewayProxyResult | APIGatewayProxyStructuredResultV2 | ALBResult;

/** The parts of a Lambda context the handler and its logs read; the full Context satisfies it. */
export type LambdaContextLike = Partial<
  Pick<Context, 'awsRequestId' | 'functionName' | 'functionVersion' | 'invokedFunctionArn' | 'memoryLimitInMB' | 'getRemainingTimeInMillis'>
>;

export type LambdaHttpHandler = (event: LambdaHttpEvent, context?: LambdaContextLike) => Promise<LambdaHttpResult>;
