namespace Orchestrator.Tables;

/// <summary>meta.k8s.io/v1 TableOptions plus the list metadata (resourceVersion, continue) the Table carries.</summary>
/// <param name="IncludeObject">What each row's <c>object</c> holds; kubectl asks for Metadata (the default).</param>
/// <param name="ResourceVersion">The list's resourceVersion. When null and there is exactly one object, that object's
/// resourceVersion is used, as the API server does for a single object or a watch event.</param>
/// <param name="Continue">The list's continue token, if the list was cut short by <c>limit</c>.</param>
/// <param name="NoHeaders">Leave out columnDefinitions (JSON null), as the API server does after a watch's first event.</param>
public sealed record TableOptions(
    IncludeObject IncludeObject = IncludeObject.Metadata,
    string? ResourceVersion = null,
    string? Continue = null,
    bool NoHeaders = false);
