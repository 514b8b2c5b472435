import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { PublicRoute } from '../auth/route-surface';
import { RegisterDto, RegistrationStartedDto } from './dto/register.dto';
import { RegistrationDto, VerifyRegistrationDto } from './dto/verify-registration.dto';
import { RegistrationService } from './registration.service';

@ApiTags('registration')
@PublicRoute()
@Controller('v1/account/register')
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a registration: emails a 6-digit code valid for 10 minutes.' })
  @ApiAcceptedResponse({ type: RegistrationStartedDto })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this IP or for this email.' })
  register(@Body() body: RegisterDto, @Ip() ip: string): Promise<RegistrationStartedDto> {
    return this.registration.register(body, ip);
  }

  @Post('verify')
  @ApiOperation({ summary: 'Verify the code: creates the account, its sandbox environment and both keys.' })
  @ApiCreatedResponse({ type: RegistrationDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this IP or for this email.' })
  verify(@Body() body: VerifyRegistrationDto, @Ip() ip: string): Promise<RegistrationDto> {
    return this.registration.verify(body, ip);
  }
}
