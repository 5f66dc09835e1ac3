using System.Collections.Frozen;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api;

/// <summary>
/// Puts every problem-details body in the caller's language as it is written: a problem with a <c>code</c> gets its
/// <c>detail</c> from <see cref="FailureText"/>, and the standard titles are translated. Endpoints keep returning
/// typed results (so OpenAPI stays true) and need no <see cref="HttpContext"/> to build them.
/// </summary>
public static class ProblemLanguage
{
    public const string CodeMember = "code";

    public const string ArgsMember = "args";

    /// <summary>A validation problem's field codes: field → <see cref="FieldCode"/>.</summary>
    public const string FieldsMember = "fields";

    /// <summary>English title → zh-CN title, for the titles the API writes.</summary>
    private static readonly FrozenDictionary<string, string> ChineseTitles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Not found"] = "未找到",
        ["Forbidden"] = "无权操作",
        ["Conflict"] = "冲突",
        ["Too large"] = "内容过大",
        ["Sign-in failed"] = "登录失败",
        ["One or more validation errors occurred."] = "请求中有错误。",
        ["The request is invalid."] = "请求无效。",
        ["Bad Request"] = "请求有误",
        ["Unauthorized"] = "未登录",
        ["Not Found"] = "未找到",
        ["An error occurred while processing your request."] = "处理请求时出错。",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>For <c>ProblemDetailsOptions.CustomizeProblemDetails</c>.</summary>
    public static void Localize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var culture = CallerLanguage.Of(context.HttpContext);
        if (problem.Extensions.TryGetValue(CodeMember, out var code) && code is string known && known != Failure.Validation)
        {
            var args = problem.Extensions.TryGetValue(ArgsMember, out var values) ? values as IReadOnlyDictionary<string, string> : null;
            problem.Detail = FailureText.Format(known, args, culture);
        }
        if (problem is HttpValidationProblemDetails validation
            && problem.Extensions.TryGetValue(FieldsMember, out var fields) && fields is IReadOnlyDictionary<string, FieldCode> codes)
        {
            foreach (var (field, why) in codes)
            {
                validation.Errors[field] = [FailureText.Format(why.Code, why.Args, culture)];
            }
        }
        if (FailureText.IsChinese(culture) && problem.Title is { } title && ChineseTitles.TryGetValue(title, out var chinese))
        {
            problem.Title = chinese;
        }
    }
}
