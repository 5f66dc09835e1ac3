namespace Butler.Workflows.Runtime;

public static partial class FailureText
{
    /// <summary>
    /// What is wrong with one field of a request (codes <c>field.*</c>, made by the field factories of
    /// <see cref="Failure"/>). The English text names the field, as the API always did; the Chinese leaves it out, since
    /// the problem's <c>errors</c> key already names it and a field's wire name is not a Chinese reader's word.
    /// </summary>
    private static Dictionary<string, (string En, string Zh)> FieldTemplates() => new(StringComparer.Ordinal)
    {
        // Any value
        ["field.required"] = ("{field} is required.", "必填。"),
        ["field.lineBreak"] = ("{field} is one line: it may not hold a line break or a tab (character {position}).", "只能填写一行，不能含换行或制表符（第 {position} 个字符）。"),
        ["field.control"] = ("{field} holds the control character U+{char} at character {position}; remove it.", "第 {position} 个字符是不允许的控制字符 U+{char}，请删除。"),
        ["field.surrogate"] = ("{field} holds half of a UTF-16 surrogate pair at character {position}; remove it.", "第 {position} 个字符残缺不全，请删除。"),
        ["field.brokenText"] = ("{field} holds half of a UTF-16 surrogate pair; remove it.", "含有残缺不全的字符，请删除。"),
        ["field.tooLong"] = ("{field} has at most {max} characters.", "最多 {max} 个字符。"),
        ["field.tooMany"] = ("{field} has at most {max} entries.", "最多 {max} 条。"),
        ["field.unreadable"] = ("{field} cannot be read.", "无法读取。"),
        ["field.oneOf"] = ("{field} is {choices:list}.", "应为 {choices:list}。"),
        ["field.notNumber"] = ("Must be a number.", "应为数字。"),
        ["field.notBoolean"] = ("Must be true or false.", "应为“是”或“否”（true 或 false）。"),
        ["field.notText"] = ("Must be text.", "应为文字。"),
        ["field.unknown"] = ("This task has no such field.", "此任务没有这个字段。"),

        // Dates, times, numbers, money
        ["field.dateRequired"] = ("{field} is required: a date written yyyy-MM-dd.", "必填：日期，写法如 2026-03-01。"),
        ["field.dateFormat"] = ("Must be a date written yyyy-MM-dd.", "应为日期，写法如 2026-03-01。"),
        ["field.dateRange"] = ("{field} is a date from {first} to {last}, not {day}.", "日期应在 {first} 至 {last} 之间，不能是 {day}。"),
        ["field.dateBetween"] = ("Must be a date from {first} to {last}.", "日期应在 {first} 至 {last} 之间。"),
        ["field.monthRequired"] = ("{field} is required: a month written yyyy-MM.", "必填：月份，写法如 2026-03。"),
        ["field.monthFormat"] = ("{field} is a month written yyyy-MM, e.g. 2026-03.", "应为月份，写法如 2026-03。"),
        ["field.monthRange"] = ("{field} is a month from {minYear}-01 to {maxYear}-12.", "月份应在 {minYear}-01 至 {maxYear}-12 之间。"),
        ["field.monthFuture"] = ("Investment is recorded for this month or earlier.", "只能登记本月及以前的投资。"),
        ["field.week"] = ("{field} is a day of the week wanted, yyyy-MM-dd (its Monday is used).", "应为所要那一周中的任一天，写法如 2026-03-02（按该周周一计）。"),
        ["field.instantRequired"] = ("{field} is required, with its offset (e.g. 2026-12-01T18:00:00+08:00).", "必填：带时区的时间，写法如 2026-12-01T18:00:00+08:00。"),
        ["field.instantRange"] = ("{field} lies between {minYear} and {maxYear}, with its offset (e.g. 2026-12-01T18:00:00+08:00).", "时间应在 {minYear} 年至 {maxYear} 年之间并带时区，写法如 2026-12-01T18:00:00+08:00。"),
        ["field.notFuture"] = ("{field} must be in the future.", "应为将来的时间。"),
        ["field.afterToday"] = ("{field} ({day}) is after today ({today}).", "{day} 晚于今天（{today}）。"),
        ["field.yearRange"] = ("{field} is between {minYear} and {maxYear}.", "年份应在 {minYear} 至 {maxYear} 之间。"),
        ["field.amountRequired"] = ("{field} is required: an amount in CNY from {lowest:floor} to {max}.", "必填：金额（元），{lowest:floor}至 {max}。"),
        ["field.amountRange"] = ("{field} is an amount in CNY from {lowest:floor} to {max}.", "金额（元）应在{lowest:floor}至 {max} 之间。"),
        ["field.pageFromOne"] = ("{field} starts at 1.", "从 1 开始。"),
        ["field.between"] = ("{field} must be between {min} and {max}.", "应在 {min} 至 {max} 之间。"),

        // People, organisation, references
        ["field.userRequired"] = ("{field} is required: the user name of an account.", "必填：账号的用户名。"),
        ["field.noUser"] = ("There is no user '{name}'.", "没有用户“{name}”。"),
        ["field.memberRequired"] = ("A member needs a user name.", "成员需要填写用户名。"),
        ["field.leaderAccountRequired"] = ("{field} is required: the user account the leader signs in with.", "必填：领导登录所用的账号。"),
        ["field.notInRole"] = ("'{name}' is not in the {role:role} role; give the account that role first.", "“{name}”不是{role:role}；请先给该账号这个角色。"),
        ["field.leadUserRequired"] = ("{field} is required: the user who leads the team.", "必填：带队的用户。"),
        ["field.chainRequired"] = ("{field} is required: the code of an industry chain (GET /api/chains).", "必填：产业链的代码。"),
        ["field.noChain"] = ("There is no chain '{code}'.", "没有产业链“{code}”。"),
        ["field.chainCode"] = ("{field} is 1 to 50 lower-case letters, digits and '-', starting with a letter or digit, e.g. health-food.", "应为 1 至 50 个小写字母、数字或“-”，以字母或数字开头，如 health-food。"),
        ["field.listedTwice"] = ("'{code}' is listed twice.", "“{code}”重复列出。"),
        ["field.leaderRequired"] = ("{field} is required (see GET /api/leaders).", "必填：牵头领导。"),
        ["field.noLeader"] = ("There is no leader {id}.", "没有领导 {id}。"),
        ["field.teamRequired"] = ("{field} is required (see GET /api/teams).", "必填：服务专班。"),
        ["field.noTeam"] = ("There is no team {id}.", "没有团队 {id}。"),
        ["field.notSquad"] = ("A project's team must be a service squad (kind serviceSquad).", "项目的团队必须是服务专班。"),
        ["field.noLead"] = ("There is no lead {id}.", "没有线索 {id}。"),
        ["field.leadFinal"] = ("The lead is {from}, which is final; it cannot become {to}.", "线索已是最终状态“{from:leadStatus}”，不能再改为“{to:leadStatus}”。"),
        ["field.leadMove"] = ("A {from} lead can become {next:list}, not {to}.", "“{from:leadStatus}”的线索只能改为{next:list/leadStatus}，不能改为“{to:leadStatus}”。"),
        ["field.itemRequired"] = ("{field} is required: an item of the agenda (project:<id>, problem:<id>, approval:<id>, task:<id>) or general.", "必填：议程中的一项（project:<id>、problem:<id>、approval:<id>、task:<id>）或 general。"),
        ["field.notOnAgenda"] = ("'{item}' is not an item of this agenda; name one of its items or general.", "“{item}”不在本次议程中；请填写议程中的一项或 general。"),

        // Tasks, approvals, escalations
        ["field.outcomeRequired"] = ("Choose an outcome: {outcomes:list}.", "请选择办理结果：{outcomes:list/outcome}。"),
        ["field.outcomeNotOffered"] = ("This task offers {outcomes:list}, not '{outcome}'.", "此任务的办理结果只有{outcomes:list/outcome}，没有“{outcome}”。"),
        ["field.chooseOne"] = ("Choose one of {choices:list}.", "请从{choices:list/outcome}中选择。"),
        ["field.newDueRequired"] = ("Extend needs a new due time in the future (ISO 8601 with an offset).", "延期需要一个将来的新期限（带时区的时间）。"),
        ["field.reassignRequired"] = ("Reassign needs the user name of the new assignee.", "转办需要新办理人的用户名。"),

        // Requests
        ["field.oneKey"] = ("Send one {field} header.", "只能发送一个该请求头。"),
        ["field.keyLength"] = ("An {field} has 1 to {max} characters.", "应为 1 至 {max} 个字符。"),
        ["field.keyCharacters"] = ("An {field} is made of printable ASCII characters (letters, digits, punctuation, spaces); a UUID is a good choice.", "只能由可打印的 ASCII 字符（字母、数字、标点、空格）组成；建议使用 UUID。"),

        // Definitions and instances
        ["field.versionRequired"] = ("'{field}' is required: a version number.", "必填：版本号。"),
        ["field.versionNumber"] = ("'{field}' must be a version number from 1.", "应为从 1 起的版本号。"),
        ["field.noVersion"] = ("'{id}' has no version {version}.", "“{id}”没有第 {version} 版。"),
        ["field.noPublishedVersion"] = ("'{id}' has no published version {version}.", "“{id}”没有已发布的第 {version} 版。"),
        ["field.noVariable"] = ("The workflow declares no such variable.", "流程没有声明这个变量。"),
        ["field.alterationsRequired"] = ("Give at least one alteration.", "请至少给出一项调整。"),
        ["field.tooManyAlterations"] = ("At most {max} alterations at once.", "一次最多 {max} 项调整。"),
        ["field.alterationKind"] = ("An alteration is an object with a kind.", "每项调整都应写明类型（kind）。"),
        ["field.alterationMissing"] = ("An alteration is missing.", "缺少一项调整。"),
        ["field.activityRequired"] = ("{kind} needs the id of an activity of the instance's version.", "{kind} 需要实例所在版本中某个环节的标识。"),
        ["field.valuesRequired"] = ("setVariables needs values: an object of declared variables.", "设置变量需要写明已声明变量的值。"),
        ["field.moveVersionRequired"] = ("moveToVersion needs the version to move to.", "迁移版本需要写明目标版本。"),
        ["field.noActivity"] = ("Version {version} has no activity '{activityId}'.", "第 {version} 版没有环节“{activityId}”。"),
        ["field.nothingWaits"] = ("Nothing waits at '{activityId}'.", "“{activityId}”处没有等待中的环节。"),
        ["field.nothingWaitsDownstream"] = ("Nothing waits at '{activityId}' or downstream of it.", "“{activityId}”及其下游都没有等待中的环节。"),
        ["field.notInVersion"] = ("The instance waits at '{activityId}', which version {version} does not have as a {type}.", "实例停在“{activityId}”，而第 {version} 版中没有这样的环节（{type}）。"),

        // Durations, calendars
        ["field.durationMissing"] = ("Give {field}: working days such as 3wd, or ISO 8601 time such as PT4H or P2D.", "必填：时长，如工作日 3wd，或 ISO 8601 时长 PT4H、P2D。"),
        ["field.durationNotWholeWorkingDays"] = ("'{text}' is not a whole number of working days; write e.g. 3wd or -1wd.", "“{text}”不是整数个工作日；请写成 3wd 或 -1wd 这样。"),
        ["field.durationTooManyWorkingDays"] = ("'{text}' is more than {max} working days.", "“{text}”超过 {max} 个工作日。"),
        ["field.durationUnknown"] = ("'{text}' is neither working days (3wd) nor an ISO 8601 duration (PT4H, P2D).", "“{text}”既不是工作日（3wd），也不是 ISO 8601 时长（PT4H、P2D）。"),
        ["field.durationYearsOrMonths"] = ("'{text}' has years or months, which have no fixed length; use days (P30D) or working days (20wd).", "“{text}”含年或月，长度不固定；请用天数（P30D）或工作日（20wd）。"),
        ["field.durationNotIso"] = ("'{text}' is not an ISO 8601 duration; write e.g. PT4H, P2D or P1DT2H.", "“{text}”不是 ISO 8601 时长；请写成 PT4H、P2D 或 P1DT2H 这样。"),
        ["field.beyondCalendar"] = ("{duration} from {from} falls outside the dates this calendar can count.", "从 {from} 起算 {duration}，超出了本日历能计算的日期范围。"),
        ["field.instantOffset"] = ("'{text}' has no offset; add Z or one such as +08:00.", "“{text}”没有时区；请加上 Z 或 +08:00 这样的时区。"),
        ["field.instantFormat"] = ("'{text}' is not an ISO 8601 instant such as 2026-09-18T15:00:00+08:00.", "“{text}”不是 ISO 8601 时间，应写成 2026-09-18T15:00:00+08:00 这样。"),
        ["field.instantPlus"] = ("'{text}' is not an ISO 8601 instant; in a URL write the + of an offset as %2B.", "“{text}”不是 ISO 8601 时间；在网址中，时区的 + 要写成 %2B。"),

        // Bodies and files
        ["field.jsonObject"] = ("{field} is a JSON object of the workflow's variables, by name.", "应为 JSON 对象，按名称列出流程变量。"),
        ["field.jsonBody"] = ("Send the body as application/json.", "请以 application/json 发送请求内容。"),
        ["field.emptyBody"] = ("The body is empty; send a definition.", "请求内容为空；请发送流程定义。"),
        ["field.definitionObject"] = ("Send {field} as a JSON object, as the designer holds it.", "请以 JSON 对象发送流程定义，即设计器中的样子。"),
        ["field.ifMatch"] = ("{field} is \"version.revision\" of the version you started from, e.g. \"3.2\".", "应为您开始编辑时的“版本.修订号”，如 \"3.2\"。"),
        ["field.idDiffers"] = ("{field} ({sent}) differs from the one in the address ({address}); leave it out.", "（{sent}）与地址中的（{address}）不同；请不要填写。"),
        ["field.notPublished"] = ("'{id}' has no published version yet.", "“{id}”还没有已发布的版本。"),
        ["field.fileForm"] = ("Send the file as multipart/form-data in a field named '{name}'.", "请以 multipart/form-data 发送文件，字段名为“{name}”。"),
        ["field.uploadBroken"] = ("The upload could not be read: it ended early or is not well-formed multipart/form-data; send the file again.", "无法读取上传的内容：传输中断或格式有误；请重新发送文件。"),
        ["field.fileMissing"] = ("Send one file in a field named '{name}'.", "请发送一个文件，字段名为“{name}”。"),
        ["field.oneFileOnly"] = ("Send one file at a time.", "一次只能发送一个文件。"),
        ["field.fileName"] = ("The file needs a name.", "文件需要有文件名。"),
        ["field.fileType"] = ("Files of type '{extension}' are not taken; allowed: {allowed:list}.", "不接受“{extension}”类型的文件；可上传：{allowed:list}。"),
        ["field.fileContentType"] = ("A .{extension} file is sent as {expected}, not {declared}.", ".{extension} 文件应以 {expected} 发送，而不是 {declared}。"),
        ["field.fileEmpty"] = ("The file is empty.", "文件是空的。"),
        ["field.fileTooLarge"] = ("The file is larger than {size}.", "文件超过 {size}。"),
        ["field.notPng"] = ("{field} must be a PNG image.", "请上传 PNG 格式的图片。"),
    };
}
