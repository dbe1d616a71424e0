import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../../../core/shared/errors.ts';

/**
 * Assistance cases carry rows the generic POST /cases cannot write (the application with its declared facts, the
 * emergency decision). Their workflows open only inside the module's own intake, marked here for the duration of
 * the call; a case opened any other way is refused in checkOpen.
 */
const intake = new AsyncLocalStorage<string>();

/** Runs `open` as the module's intake for `workflow`. */
export function asIntake<T>(workflow: string, open: () => Promise<T>): Promise<T> {
  return intake.run(workflow, open);
}

/** checkOpen of the assistance workflows: only inside asIntake for the same workflow. */
export function assertIntake(workflow: string, nameZh: string): void {
  if (intake.getStore() !== workflow) {
    throw new AppError(
      'auth.forbidden',
      `「${nameZh}」须通过社会救助受理功能办理,不能作为普通办件创建`,
      `${workflow} cases are opened through the assistance intake, not as generic cases`,
    );
  }
}
