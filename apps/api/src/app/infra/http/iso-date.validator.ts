import {
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { isIsoDate } from '@certdesk/domain';

/** A real calendar date written `YYYY-MM-DD`. */
@ValidatorConstraint({ name: 'isoDate' })
export class IsoDateConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isIsoDate(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} は実在する日付を YYYY-MM-DD 形式で指定してください`;
  }
}
