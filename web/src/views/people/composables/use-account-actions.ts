import { ref } from 'vue';
import { BULK_USER_ACTION_LABELS, type BulkUserAction, type PasswordResetResult, type UserDto } from '@campus/shared';
import { bulkUsers, resetUserPassword, setUserDisabled, unlockUser } from '@/api/people';
import type { FieldErrors } from '@/composables/use-field-errors';
import { errorMessage } from '@/utils/error-message';

/**
 * The account actions of the user list and a person's page: each asks first, calls the server,
 * reports in Chinese and calls `changed` so the page reloads. New passwords go to the one-time
 * password dialog (`passwords`), which the page renders.
 */
export function useAccountActions(changed: () => void | Promise<void>) {
  const passwords = ref<PasswordResetResult[]>([]);
  const passwordsTitle = ref('');
  const passwordsOpen = ref(false);

  function showPasswords(rows: PasswordResetResult[], title: string): void {
    passwords.value = rows;
    passwordsTitle.value = title;
    passwordsOpen.value = true;
  }

  async function confirm(message: string, title: string, button: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, title, {
        type: 'warning',
        confirmButtonText: button,
        cancelButtonText: '取消',
      });
      return true;
    } catch {
      return false;
    }
  }

  async function resetPassword(user: UserDto): Promise<void> {
    const ok = await confirm(
      `为 ${user.name}（${user.username}）生成新的一次性密码？原密码立即失效，已登录的设备会退出，本人下次登录须修改密码。`,
      '重置密码',
      '重置',
    );
    if (!ok) return;
    try {
      showPasswords([await resetUserPassword(user.id)], '密码已重置');
      await changed();
    } catch (e) {
      ElMessage.error(errorMessage(e));
    }
  }

  async function toggleDisabled(user: UserDto): Promise<void> {
    const disable = !user.disabled;
    if (
      disable &&
      !(await confirm(
        `停用 ${user.name}（${user.username}）？停用后不能登录，已登录的设备立即退出。`,
        '停用账号',
        '停用',
      ))
    )
      return;
    try {
      await setUserDisabled(user.id, disable);
      ElMessage.success(`${user.name} 已${disable ? '停用' : '启用'}`);
      await changed();
    } catch (e) {
      ElMessage.error(errorMessage(e));
    }
  }

  async function unlock(user: UserDto): Promise<void> {
    try {
      await unlockUser(user.id);
      ElMessage.success(`已解除 ${user.name} 的登录锁定`);
      await changed();
    } catch (e) {
      ElMessage.error(errorMessage(e));
    }
  }

  /** All or nothing: a refusal names the row (the person) that stopped it, and nothing changed. */
  /**
   * A bulk action, all or nothing. A refusal that names a field of the caller's form (`form`, e.g.
   * the move dialog's class) goes under that field; one that names people is told in a dialog.
   */
  async function bulk(
    action: BulkUserAction,
    users: UserDto[],
    options: { classId?: number; form?: FieldErrors } = {},
  ): Promise<boolean> {
    const { classId, form } = options;
    const label = BULK_USER_ACTION_LABELS[action];
    if (action !== 'move-class') {
      const extra =
        action === 'reset-password'
          ? '每人生成新的一次性密码，原密码立即失效，下次登录须修改。'
          : action === 'disable'
            ? '停用后不能登录，已登录的设备立即退出。'
            : '';
      if (!(await confirm(`对选中的 ${users.length} 人执行「${label}」？${extra}`, `批量${label}`, label)))
        return false;
    }
    try {
      const result = await bulkUsers({ action, userIds: users.map((u) => u.id), classId });
      if (result.passwords) showPasswords(result.passwords, `已重置 ${result.changed} 人的密码`);
      else ElMessage.success(`已${label} ${result.changed} 人`);
      await changed();
      return true;
    } catch (e) {
      if (form) {
        form.take(e);
        if (form.anyOnField.value) return false;
      }
      await ElMessageBox.alert(errorMessage(e), `批量${label}未执行`, { type: 'error', confirmButtonText: '知道了' });
      return false;
    }
  }

  return { passwords, passwordsTitle, passwordsOpen, showPasswords, resetPassword, toggleDisabled, unlock, bulk };
}
