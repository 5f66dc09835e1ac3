using Butler.Host.Api;

namespace Butler.Host.Components;

/// <summary>The profile page's strings, and the translation of input errors shared with the administration pages.</summary>
public static partial class UiText
{
    public static string DisplayName => Pick("显示名称", "Display name");
    public static string Email => Pick("电子邮箱", "E-mail address");
    public static string Roles => Pick("角色", "Roles");
    public static string Save => Pick("保存", "Save");
    public static string Saved => Pick("已保存。", "Saved.");
    public static string MailPreferences => Pick("邮件通知", "E-mail notifications");
    public static string MailReminders => Pick("任务临期提醒发邮件给我", "E-mail me reminders");
    public static string MailEscalations => Pick("逾期督办发邮件给我", "E-mail me escalations");
    public static string MailApprovalRequests => Pick("待我审批时发邮件给我", "E-mail me approval requests");
    public static string InAppAlwaysOn => Pick("站内通知始终开启。", "In-app notifications are always on.");
    public static string ChangePassword => Pick("修改密码", "Change password");
    public static string CurrentPassword => Pick("当前密码", "Current password");
    public static string NewPassword => Pick("新密码", "New password");
    public static string ConfirmPassword => Pick("确认新密码", "Confirm the new password");
    public static string PasswordsDiffer => Pick("两次输入的新密码不一致。", "The two new passwords differ.");
    public static string PasswordChanged => Pick("密码已修改。其他登录已结束，本页稍后也将请您用新密码重新登录。", "Your password was changed. Other sessions have ended, and this page will soon ask you to sign in again with the new one.");
    public static string PasswordRules => Pick("至少 8 位，含大写字母、小写字母和数字。", "At least 8 characters, with an upper-case letter, a lower-case letter and a digit.");

    /// <summary>An input error in the reader's language.</summary>
    public static string ErrorText(InputError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Failure.Text(System.Globalization.CultureInfo.CurrentUICulture);
    }

    public static string EmailInvalid => Pick("请输入有效的电子邮箱，例如 li.ming@example.cn。", "Enter an e-mail address such as li.ming@example.cn.");
}
