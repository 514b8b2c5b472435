import { IsNotEmpty, IsString } from 'class-validator';

export class CreateCheckoutSessionDto {
  /** The id of one of the configured CREDIT_PACKAGES, e.g. `starter`. */
  @IsString()
  @IsNotEmpty()
  package!: string;
}
