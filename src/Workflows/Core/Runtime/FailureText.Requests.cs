namespace Butler.Workflows.Runtime;

public static partial class FailureText
{
    /// <summary>The refusals a host writes about its own resources and requests (<c>Failure.Requests.cs</c>).</summary>
    private static Dictionary<string, (string En, string Zh)> RequestTemplates() => new(StringComparer.Ordinal)
    {
        // Sign-in and accounts
        ["auth.signInFailed"] = ("The user name or password is wrong, or the account is locked for a while after repeated failures.", "用户名或密码不正确；或因多次失败，账户已暂时锁定。"),
        ["user.notFound"] = ("No user '{name}'.", "没有用户“{name}”。"),
        ["user.selfLock"] = ("You cannot lock your own account.", "不能锁定自己的账户。"),
        ["field.wrongPassword"] = ("The current password is wrong, or the account is locked for a while after repeated failures.", "当前密码不正确；或因多次失败，账户已暂时锁定。"),
        ["field.adminSelf"] = ("You cannot take the Admin role from yourself; ask another administrator.", "不能取消自己的管理员角色，请联系其他管理员。"),
        ["field.unknownRole"] = ("'{role}' is not a role; roles are {roles:list}.", "没有角色“{role}”；角色有：{roles:list/role}。"),
        ["field.email"] = ("'{text}' is not an e-mail address such as li.ming@example.cn.", "“{text}”不是有效的电子邮箱，应写成 li.ming@example.cn 这样。"),
        ["field.duplicateUserName"] = ("This user name is already taken.", "该用户名已被使用。"),
        ["field.invalidUserName"] = ("A user name may only contain letters, digits and -._@+.", "用户名只能包含字母、数字和 -._@+。"),
        ["field.duplicateEmail"] = ("This e-mail address is already taken.", "该电子邮箱已被使用。"),
        ["field.invalidEmail"] = ("This is not a valid e-mail address.", "电子邮箱无效。"),
        ["field.passwordTooShort"] = ("The password needs at least {number} characters.", "密码至少 {number} 位。"),
        ["field.passwordRequiresDigit"] = ("The password needs a digit.", "密码须包含数字。"),
        ["field.passwordRequiresLower"] = ("The password needs a lower-case letter.", "密码须包含小写字母。"),
        ["field.passwordRequiresUpper"] = ("The password needs an upper-case letter.", "密码须包含大写字母。"),
        ["field.passwordRequiresNonAlphanumeric"] = ("The password needs a character that is neither a letter nor a digit.", "密码须包含字母和数字以外的字符。"),
        ["field.passwordRequiresUniqueChars"] = ("The password needs at least {number} different characters.", "密码须至少包含 {number} 个不同的字符。"),
        ["field.passwordMismatch"] = ("The current password is wrong.", "当前密码不正确。"),
        ["field.concurrencyFailure"] = ("The account was changed at the same time; try again.", "账户刚被同时修改，请再试一次。"),
        ["field.accountRefused"] = ("The account store refused the change ({code}).", "账户库拒绝了此修改（{code}）。"),
        ["notification.notFound"] = ("You have no notification {id}.", "您没有通知 {id}。"),

        // Organisation
        ["leader.notFound"] = ("No leader {id}.", "没有领导 {id}。"),
        ["leader.exists"] = ("'{name}' is already a leader.", "“{name}”已是领导。"),
        ["leader.otherExists"] = ("'{name}' is already another leader.", "“{name}”已是另一位领导。"),
        ["leader.concurrent"] = ("'{name}' became a leader at the same time; reload and try again.", "“{name}”刚被同时设为领导，请刷新后再试。"),
        ["chain.exists"] = ("There is already a chain '{code}'.", "已有产业链“{code}”。"),
        ["team.notFound"] = ("No team {id}.", "没有团队 {id}。"),
        ["team.nameTaken"] = ("Another team is already named '{name}'.", "已有团队叫“{name}”。"),

        // Projects, leads, agendas
        ["project.createForbidden"] = ("Only leaders and administrators create projects.", "只有领导和管理员可以新建项目。"),
        ["project.notYours"] = ("This project is not one of your squads'.", "此项目不属于您所在的服务专班。"),
        ["project.closeForbidden"] = ("Only leaders and administrators close a project (closing).", "只有领导和管理员可以关闭项目。"),
        ["problem.resolveForbidden"] = ("Only the problem's owner, its project's squad, leaders and administrators resolve it.", "只有难题的负责人、项目的服务专班、领导和管理员可以解决难题。"),
        ["investment.concurrent"] = ("The investment of {month} was recorded at the same moment by someone else; reload.", "{month} 的投资刚被他人同时登记，请刷新。"),
        ["dispatch.notYours"] = ("A leader sees only their own agendas.", "领导只能查看自己的调度议程。"),
        ["lead.notFound"] = ("No lead {id}.", "没有线索 {id}。"),
        ["lead.notOwner"] = ("A squad member edits only the leads they own.", "服务专班成员只能修改自己负责的线索。"),
        ["lead.stale"] = ("The lead is at revision {revision}, not {sent}; reload it and try again.", "线索已是第 {revision} 版，不是第 {sent} 版；请刷新后再试。"),
        ["lead.concurrent"] = ("The lead was changed at the same time (perhaps by its SLA); reload it and try again.", "线索刚被同时修改（可能是时限检查所致），请刷新后再试。"),
        ["lead.converted"] = ("The lead was converted before: project {projectId}.", "线索已转为项目：{projectId}。"),
        ["lead.convertedConcurrently"] = ("The lead was converted at the same time: project {projectId}.", "线索刚被同时转为项目：{projectId}。"),
        ["lead.notSigned"] = ("status: the lead is {status}; only a signed lead becomes a project.", "线索的状态是“{status:leadStatus}”；只有已签约的线索才能转为项目。"),

        // Requests the framework could not bind
        ["request.mediaType"] = ("Send the body as JSON, with the header Content-Type: application/json.", "请以 JSON 发送请求内容，并带上请求头 Content-Type: application/json。"),
        ["request.tooLarge"] = ("The request body is too large.", "请求内容过大。"),
        ["request.slow"] = ("The request body arrived too slowly; send it again.", "请求内容传输太慢，请重新发送。"),
        ["request.cutOff"] = ("The request could not be read: it ended before its declared length or is malformed.", "无法读取请求：内容比声明的短，或格式有误。"),
        ["request.bodyMissing"] = ("The request body is missing: send a JSON object.", "缺少请求内容：请发送一个 JSON 对象。"),
        ["request.bodyNull"] = ("The request body must be a JSON object, not null.", "请求内容应为 JSON 对象，不能是 null。"),
        ["request.malformed"] = ("The request body is not JSON: malformed JSON (line {line}, position {position}).", "请求内容不是格式正确的 JSON（第 {line} 行，第 {position} 个字符）。"),
        ["request.wrongKind"] = ("'{field}' has a value of the wrong kind.", "值的类型不对。"),
        ["request.kind"] = ("'{field}' must be {kind:jsonKind}.", "应为{kind:jsonKind}。"),
        ["request.oneOf"] = ("'{field}' must be one of {choices:list}.", "应为 {choices:list} 之一。"),

        // Workflows, tasks, calendars, test runs
        ["instance.noTaskOfYours"] = ("You hold no task in this instance.", "您在这个流程实例中没有任务。"),
        ["sheet.fontMissing"] = ("The PDF sheet cannot be made: the server has no font for Chinese text (setting Butler:Sheet:FontFile). Print the HTML sheet instead, or ask an administrator to install the font.",
            "无法生成 PDF 审批单：服务器缺少中文字体。请改为打印网页版审批单，或请管理员安装字体。"),
        ["task.scopeAll"] = ("scope=all is for leaders and administrators.", "只有领导和管理员可以查看全部任务。"),
        ["attachment.notFound"] = ("Task {taskId} has no attachment {attachmentId}.", "任务 {taskId} 没有附件 {attachmentId}。"),
        ["definition.versionNotFound"] = ("No version {version} of '{id}'.", "流程定义“{id}”没有第 {version} 版。"),
        ["definition.tooLarge"] = ("A definition may have at most {max} bytes.", "流程定义最多 {max} 字节。"),
        ["definition.tooManyCharacters"] = ("A definition may have at most {max} characters.", "流程定义最多 {max} 个字符。"),
        ["calendar.notFound"] = ("No calendar '{id}'.", "没有日历“{id}”。"),
        ["sandbox.gone"] = ("You have no test run {id}.", "您没有试运行 {id}。"),
    };
}
