namespace Butler.Host.Components;

/// <summary>The words of the printable sheet of a run (审批单), its links on the project page and the signature on the profile.</summary>
public static partial class UiText
{
    public static string SheetTitle => Pick("审批单", "Approval sheet");
    public static string SheetRun => Pick("流程", "Workflow");
    public static string SheetStatus => Pick("状态", "Status");
    public static string SheetStartedBy => Pick("发起人", "Started by");
    public static string SheetStartedAt => Pick("发起时间", "Started at");
    public static string SheetFinishedAt => Pick("结束时间", "Finished at");
    public static string SheetProjectName => Pick("项目名称", "Project");
    public static string SheetNumber => Pick("序号", "No.");
    public static string SheetStep => Pick("环节", "Step");
    public static string SheetPerson => Pick("办理人", "By");
    public static string SheetOutcome => Pick("结果", "Outcome");
    public static string SheetComment => Pick("意见", "Comment");
    public static string SheetTime => Pick("时间", "Time");
    public static string SheetSignature => Pick("签名", "Signature");
    public static string SheetNoSteps => Pick("还没有人办理过这个流程的环节。", "Nobody has worked on a step of this run yet.");
    /// <summary>代理人: a proxy's act names both, the one who acted and the one they acted for.</summary>
    public static string SheetOnBehalfOf(string actor, string principal) => Pick($"{actor}（代{principal}）", $"{actor} (for {principal})");
    public static string SheetSeal => Pick("盖章处", "Seal");
    public static string SheetSealDate => Pick("日期：　　年　　月　　日", "Date: ____ / __ / __");
    public static string SheetPrintedAt(string at) => Pick($"打印时间：{at}", $"Printed {at}");
    public static string SheetPrint => Pick("打印审批单", "Print the sheet");
    public static string SheetDownloadPdf => Pick("下载 PDF", "Download PDF");
    public static string SheetPrintNow => Pick("打印", "Print");
    public static string SheetPage(int page, int pages) => Pick($"第 {page} 页，共 {pages} 页", $"Page {page} of {pages}");

    // The signature on the profile page.
    public static string Signature => Pick("手写签名", "Handwritten signature");
    public static string SignatureHelp => Pick("签名会印在您办理过的流程的审批单上。可上传 PNG 图片（不超过 200 KB），或在下方手写。",
        "Your signature is printed on the sheets of the runs you worked on. Upload a PNG (at most 200 KB) or draw it below.");
    public static string SignatureNone => Pick("还没有签名。", "No signature yet.");
    public static string SignatureUpload => Pick("上传 PNG", "Upload a PNG");
    public static string SignatureDrawHere => Pick("在此处手写签名", "Draw your signature here");
    public static string SignatureSaveDrawing => Pick("保存手写签名", "Save the drawing");
    public static string SignatureClear => Pick("清除画板", "Clear the pad");
    public static string SignatureDelete => Pick("删除签名", "Delete the signature");
    public static string SignatureSaved => Pick("签名已保存。", "Signature saved.");
    public static string SignatureDeleted => Pick("签名已删除。", "Signature deleted.");
    public static string SignatureEmptyPad => Pick("画板是空的，请先手写签名。", "The pad is empty; draw your signature first.");
    public static string SignaturePreview => Pick("当前签名", "Current signature");
}
