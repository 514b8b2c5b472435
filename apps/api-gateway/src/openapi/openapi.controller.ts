import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, type OpenAPIObject } from '@nestjs/swagger';
import { PublicRoute } from '../auth/route-surface';
import { OpenApiDocument } from './openapi-document';

@ApiTags('meta')
@PublicRoute()
@Controller('v1')
export class OpenApiController {
  constructor(private readonly document: OpenApiDocument) {}

  @Get('openapi.json')
  @ApiOperation({ summary: 'This OpenAPI document.' })
  @ApiOkResponse({ description: 'OpenAPI 3 document of every route.', schema: { type: 'object' } })
  get(): OpenAPIObject {
    return this.document.get();
  }
}
