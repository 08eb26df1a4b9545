import { SetMetadata } from '@nestjs/common';

export const STEP_UP = 'certdesk:step-up';

export interface StepUpOptions {
  /** Only for an account that already has a factor (enrolling a further one), not one that must enrol. */
  onlyWhenEnrolled?: boolean;
}

/**
 * A decision that needs a fresh second-factor proof (younger than 5 minutes, libs/domain
 * `stepUpNeeded`) from anyone who has a second factor or must have one: otherwise the global guard
 * answers 401 with `code: 'step_up_required'`, which the console turns into a prompt and then
 * repeats the request.
 */
export const StepUp = (
  options: StepUpOptions = {},
): MethodDecorator & ClassDecorator => SetMetadata(STEP_UP, options);
