namespace Butler.Workflows.Onboarding;

public enum TeamKind
{
    /// <summary>服务专班: follows one or more signed projects.</summary>
    ServiceSquad,

    /// <summary>驻外招商分局: an outpost investment bureau.</summary>
    Outpost,

    /// <summary>镇街招商分队: a town or street squad.</summary>
    TownSquad,
}
