using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>apps/v1 Deployment and ReplicaSet rules (pkg/apis/apps/validation).</summary>
internal static class WorkloadValidation
{
    public static void ValidateDeployment(JsonObject obj, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateCreate(obj, namespaced: true, Names.IsDns1123Subdomain, errs);
        var spec = Json.Obj(obj, "spec");
        NonNegative(spec, "replicas", errs);
        ValidateSelectorAndTemplate(spec, "deployment", errs);
        ValidateStrategy(Json.Obj(spec, "strategy"), errs);
        NonNegative(spec, "minReadySeconds", errs);
        NonNegative(spec, "revisionHistoryLimit", errs);
        if (Json.Long(spec, "progressDeadlineSeconds") is { } deadline)
        {
            NonNegative(spec, "progressDeadlineSeconds", errs);
            if (deadline <= (Json.Long(spec, "minReadySeconds") ?? 0))
            {
                errs.Add(Causes.Invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
            }
        }
    }

    public static void ValidateReplicaSet(JsonObject obj, List<V1StatusCause> errs)
    {
        MetadataValidation.ValidateCreate(obj, namespaced: true, Names.IsDns1123Subdomain, errs);
        var spec = Json.Obj(obj, "spec");
        NonNegative(spec, "replicas", errs);
        NonNegative(spec, "minReadySeconds", errs);
        ValidateSelectorAndTemplate(spec, "replicaset", errs);
    }

    /// <summary>Both kinds freeze spec.selector once created (apps/v1 semantics).</summary>
    public static void ValidateSelectorUnchanged(JsonObject obj, JsonObject old, List<V1StatusCause> errs)
    {
        var selector = Json.Obj(Json.Obj(obj, "spec"), "selector");
        var oldSelector = Json.Obj(Json.Obj(old, "spec"), "selector");
        if (!Json.DeepEquals(selector, oldSelector))
        {
            errs.Add(Causes.InvalidRendered("spec.selector", Selectors.GoString(selector), Causes.FieldImmutable));
        }
    }

    private static void ValidateSelectorAndTemplate(JsonObject? spec, string kindWord, List<V1StatusCause> errs)
    {
        var selector = Json.Obj(spec, "selector");
        if (selector is null)
        {
            errs.Add(Causes.Required("spec.selector"));
        }
        else
        {
            Selectors.Validate(selector, "spec.selector", errs);
            if (Selectors.IsEmpty(selector))
            {
                errs.Add(Causes.InvalidRendered("spec.selector", Selectors.GoString(selector), $"empty selector is invalid for {kindWord}"));
            }
        }

        var template = Json.Obj(spec, "template");
        if (template is null)
        {
            errs.Add(Causes.Required("spec.template"));
            return;
        }
        var labels = Json.Obj(Json.Obj(template, "metadata"), "labels");
        if (selector is not null && !Selectors.IsEmpty(selector) && !Selectors.Matches(selector, labels))
        {
            errs.Add(Causes.InvalidRendered("spec.template.metadata.labels", Causes.GoMap(Json.StringMap(labels)), "`selector` does not match template `labels`"));
        }
        PodValidation.ValidateTemplate(template, "spec.template", errs);
        var restartPolicy = Json.Str(Json.Obj(template, "spec"), "restartPolicy");
        if (!string.IsNullOrEmpty(restartPolicy) && restartPolicy != "Always")
        {
            errs.Add(Causes.NotSupported("spec.template.spec.restartPolicy", restartPolicy, "Always"));
        }
        if (Json.Obj(template, "spec")?["activeDeadlineSeconds"] is not null)
        {
            errs.Add(Causes.Forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported"));
        }
    }

    private static void ValidateStrategy(JsonObject? strategy, List<V1StatusCause> errs)
    {
        var type = Json.Str(strategy, "type") ?? "";
        var rolling = Json.Obj(strategy, "rollingUpdate");
        switch (type)
        {
            case "Recreate":
                if (rolling is not null)
                {
                    errs.Add(Causes.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
                }
                break;
            case "RollingUpdate" or "":
                if (rolling is null)
                {
                    break;
                }
                var maxUnavailable = rolling["maxUnavailable"];
                var maxSurge = rolling["maxSurge"];
                IntOrPercent.ValidatePositive(maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", errs);
                IntOrPercent.ValidatePositive(maxSurge, "spec.strategy.rollingUpdate.maxSurge", errs);
                if (IntOrPercent.NumericValue(maxUnavailable) == 0 && IntOrPercent.NumericValue(maxSurge) == 0)
                {
                    errs.Add(Causes.InvalidRendered("spec.strategy.rollingUpdate.maxUnavailable", IntOrPercent.Render(maxUnavailable), "may not be 0 when `maxSurge` is 0"));
                }
                IntOrPercent.ValidateNotMoreThan100Percent(maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable", errs);
                break;
            default:
                errs.Add(Causes.NotSupported("spec.strategy.type", type, "Recreate", "RollingUpdate"));
                break;
        }
    }

    private static void NonNegative(JsonObject? spec, string name, List<V1StatusCause> errs)
    {
        if (Json.Long(spec, name) is { } value && value < 0)
        {
            errs.Add(Causes.Invalid("spec." + name, value, "must be greater than or equal to 0"));
        }
    }
}
