using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Core.Resources;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>Kubernetes' create and update validation for the served kinds, answered as 422 status causes.</summary>
public static class Validator
{
    /// <summary>Validates a new object. Run it after <see cref="Defaulter"/>, as Kubernetes does.</summary>
    public static IReadOnlyList<V1StatusCause> ValidateCreate(ResourceDescriptor r, JsonObject obj)
    {
        List<V1StatusCause> errs = [];
        switch (r.Group, r.Kind)
        {
            case ("", "Pod"):
                PodValidation.ValidatePod(obj, errs);
                break;
            case ("", "Namespace"):
                MetadataValidation.ValidateCreate(obj, namespaced: false, Names.IsDns1123Label, errs);
                break;
            case ("", "Service"):
                ServiceValidation.Validate(obj, errs);
                break;
            case ("", "ConfigMap"):
                ConfigValidation.ValidateConfigMap(obj, errs);
                break;
            case ("", "Secret"):
                ConfigValidation.ValidateSecret(obj, errs);
                break;
            case ("", "Binding"):
                PolicyValidation.ValidateBinding(obj, errs);
                break;
            case ("apps", "Deployment"):
                WorkloadValidation.ValidateDeployment(obj, errs);
                break;
            case ("apps", "ReplicaSet"):
                WorkloadValidation.ValidateReplicaSet(obj, errs);
                break;
            case ("scheduling.k8s.io", "PriorityClass"):
                PolicyValidation.ValidatePriorityClass(obj, errs);
                break;
            case ("policy", "PodDisruptionBudget"):
                PolicyValidation.ValidatePdb(obj, errs);
                break;
            case ("coordination.k8s.io", "Lease"):
                PolicyValidation.ValidateLease(obj, errs);
                break;
            default:
                // Node, Endpoints, both Events: Kubernetes checks them as DNS subdomains; deeper rules are not modelled.
                MetadataValidation.ValidateCreate(obj, r.Namespaced, Names.IsDns1123Subdomain, errs);
                break;
        }
        return errs;
    }

    /// <summary>Validates a replacement for <paramref name="old"/>: the create rules plus what may not change.</summary>
    public static IReadOnlyList<V1StatusCause> ValidateUpdate(ResourceDescriptor r, JsonObject obj, JsonObject old)
    {
        if (r.Group.Length == 0 && r.Kind == "Pod")
        {
            List<V1StatusCause> podErrs = [];
            PodUpdateValidation.Validate(obj, old, podErrs);
            return podErrs;
        }

        List<V1StatusCause> errs = [];
        MetadataValidation.ValidateUpdate(obj, old, errs);
        errs.AddRange(ValidateCreate(r, obj));
        switch (r.Group, r.Kind)
        {
            case ("apps", "Deployment" or "ReplicaSet"):
                WorkloadValidation.ValidateSelectorUnchanged(obj, old, errs);
                break;
            case ("", "ConfigMap"):
                ConfigValidation.ValidateConfigMapUpdate(obj, old, errs);
                break;
            case ("", "Secret"):
                ConfigValidation.ValidateSecretUpdate(obj, old, errs);
                break;
            case ("", "Service"):
                ServiceValidation.ValidateUpdate(obj, old, errs);
                break;
            case ("scheduling.k8s.io", "PriorityClass"):
                PolicyValidation.ValidatePriorityClassUpdate(obj, old, errs);
                break;
        }
        return errs;
    }

    /// <summary>The 422 message, e.g. <c>Deployment.apps "web" is invalid: [a, b]</c>; pass the kind as Kind or Kind.group.</summary>
    public static string InvalidMessage(string kind, string name, IReadOnlyList<V1StatusCause> causes)
    {
        // Like Go's ErrorList.ToAggregate: identical messages collapse, one stays bare, several are bracketed.
        var messages = causes.Select(c => string.IsNullOrEmpty(c.Field) ? c.Message : $"{c.Field}: {c.Message}").Distinct().ToList();
        var body = messages.Count == 1 ? messages[0] : "[" + string.Join(", ", messages) + "]";
        return $"{kind} {Causes.Quote(name)} is invalid: {body}";
    }

    /// <summary>The 422 message with the kind qualified by group as Kubernetes does (Pod, Deployment.apps).</summary>
    public static string InvalidMessage(ResourceDescriptor r, string name, IReadOnlyList<V1StatusCause> causes) =>
        InvalidMessage(r.Group.Length == 0 ? r.Kind : $"{r.Kind}.{r.Group}", name, causes);
}
