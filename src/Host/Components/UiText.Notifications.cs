namespace Butler.Host.Components;

/// <summary>The notification bell in the app bar.</summary>
public static partial class UiText
{
    public static string Notifications => Pick("通知", "Notifications");
    public static string BellLabel(int unread) => unread == 0
        ? Pick("通知，没有未读", "Notifications, none unread")
        : Pick($"通知，{unread} 条未读", $"Notifications, {unread} unread");
    public static string MarkAllRead => Pick("全部标为已读", "Mark all read");
    public static string NoNotifications => Pick("没有通知。", "No notifications.");
    public static string Unread => Pick("未读", "Unread");
    public static string Close => Pick("关闭", "Close");
}
