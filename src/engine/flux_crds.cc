#include "engine/flux_crds.h"

#include "yaml/parse.h"

namespace ferry::engine {
namespace {

// Written for ferry after the CRDs Flux ships (names, short names, printer
// columns, status fields); generated once, edited by hand since.
constexpr char kCrds[] = R"CRDS(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: kustomizations.kustomize.toolkit.fluxcd.io
  labels:
    app.kubernetes.io/component: kustomize-controller
    app.kubernetes.io/instance: flux-system
    app.kubernetes.io/part-of: flux
    app.kubernetes.io/managed-by: ferry
spec:
  group: kustomize.toolkit.fluxcd.io
  names:
    kind: Kustomization
    listKind: KustomizationList
    plural: kustomizations
    singular: kustomization
    shortNames: [ks]
  scope: Namespaced
  versions:
        - name: v1
          served: true
          storage: true
          additionalPrinterColumns:
            - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: Ready, type: string}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].message', name: Status, type: string}
          subresources:
            status: {}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                apiVersion: {type: string}
                kind: {type: string}
                metadata: {type: object}
                spec:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                status:
                  type: object
                  default:
                    observedGeneration: -1
                  properties:
                    conditions:
                      type: array
                      items:
                        type: object
                        required: [lastTransitionTime, message, reason, status, type]
                        properties:
                          lastTransitionTime: {type: string, format: date-time}
                          message: {type: string, maxLength: 32768}
                          observedGeneration: {type: integer, format: int64, minimum: 0}
                          reason: {type: string, maxLength: 1024, minLength: 1}
                          status: {type: string, enum: ["True", "False", Unknown]}
                          type: {type: string, maxLength: 316}
                    lastHandledReconcileAt: {type: string}
                    observedGeneration: {type: integer, format: int64}
                    inventory:
                      type: object
                      required: [entries]
                      properties:
                        entries:
                          type: array
                          items:
                            type: object
                            required: [id, v]
                            properties:
                              id: {type: string}
                              v: {type: string}
                    lastAppliedOriginRevision: {type: string}
                    lastAppliedRevision: {type: string}
                    lastAttemptedRevision: {type: string}
                    history:
                      type: array
                      items:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
        - name: v1beta2
          served: true
          storage: false
          deprecated: true
          deprecationWarning: v1beta2 Kustomization is deprecated, upgrade to v1
          additionalPrinterColumns:
            - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: Ready, type: string}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].message', name: Status, type: string}
          subresources:
            status: {}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                apiVersion: {type: string}
                kind: {type: string}
                metadata: {type: object}
                spec:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                status:
                  type: object
                  default:
                    observedGeneration: -1
                  properties:
                    conditions:
                      type: array
                      items:
                        type: object
                        required: [lastTransitionTime, message, reason, status, type]
                        properties:
                          lastTransitionTime: {type: string, format: date-time}
                          message: {type: string, maxLength: 32768}
                          observedGeneration: {type: integer, format: int64, minimum: 0}
                          reason: {type: string, maxLength: 1024, minLength: 1}
                          status: {type: string, enum: ["True", "False", Unknown]}
                          type: {type: string, maxLength: 316}
                    lastHandledReconcileAt: {type: string}
                    observedGeneration: {type: integer, format: int64}
                    inventory:
                      type: object
                      required: [entries]
                      properties:
                        entries:
                          type: array
                          items:
                            type: object
                            required: [id, v]
                            properties:
                              id: {type: string}
                              v: {type: string}
                    lastAppliedOriginRevision: {type: string}
                    lastAppliedRevision: {type: string}
                    lastAttemptedRevision: {type: string}
                    history:
                      type: array
                      items:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gitrepositories.source.toolkit.fluxcd.io
  labels:
    app.kubernetes.io/component: source-controller
    app.kubernetes.io/instance: flux-system
    app.kubernetes.io/part-of: flux
    app.kubernetes.io/managed-by: ferry
spec:
  group: source.toolkit.fluxcd.io
  names:
    kind: GitRepository
    listKind: GitRepositoryList
    plural: gitrepositories
    singular: gitrepository
    shortNames: [gitrepo]
  scope: Namespaced
  versions:
        - name: v1
          served: true
          storage: true
          additionalPrinterColumns:
            - {jsonPath: .spec.url, name: URL, type: string}
            - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: Ready, type: string}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].message', name: Status, type: string}
          subresources:
            status: {}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                apiVersion: {type: string}
                kind: {type: string}
                metadata: {type: object}
                spec:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                status:
                  type: object
                  default:
                    observedGeneration: -1
                  properties:
                    conditions:
                      type: array
                      items:
                        type: object
                        required: [lastTransitionTime, message, reason, status, type]
                        properties:
                          lastTransitionTime: {type: string, format: date-time}
                          message: {type: string, maxLength: 32768}
                          observedGeneration: {type: integer, format: int64, minimum: 0}
                          reason: {type: string, maxLength: 1024, minLength: 1}
                          status: {type: string, enum: ["True", "False", Unknown]}
                          type: {type: string, maxLength: 316}
                    lastHandledReconcileAt: {type: string}
                    observedGeneration: {type: integer, format: int64}
                    artifact:
                      type: object
                      required: [lastUpdateTime, path, revision, url]
                      properties:
                        digest: {type: string}
                        lastUpdateTime: {type: string, format: date-time}
                        metadata: {type: object, additionalProperties: {type: string}}
                        path: {type: string}
                        revision: {type: string}
                        size: {type: integer, format: int64}
                        url: {type: string}
                    observedIgnore: {type: string}
                    url: {type: string}
                    includedArtifacts:
                      type: array
                      items:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                    observedInclude:
                      type: array
                      items:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                    observedRecurseSubmodules: {type: boolean}
                    observedSparseCheckout:
                      type: array
                      items: {type: string}
                    sourceVerificationMode: {type: string}
        - name: v1beta2
          served: true
          storage: false
          deprecated: true
          deprecationWarning: v1beta2 GitRepository is deprecated, upgrade to v1
          additionalPrinterColumns:
            - {jsonPath: .spec.url, name: URL, type: string}
            - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: Ready, type: string}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].message', name: Status, type: string}
          subresources:
            status: {}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                apiVersion: {type: string}
                kind: {type: string}
                metadata: {type: object}
                spec:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                status:
                  type: object
                  default:
                    observedGeneration: -1
                  properties:
                    conditions:
                      type: array
                      items:
                        type: object
                        required: [lastTransitionTime, message, reason, status, type]
                        properties:
                          lastTransitionTime: {type: string, format: date-time}
                          message: {type: string, maxLength: 32768}
                          observedGeneration: {type: integer, format: int64, minimum: 0}
                          reason: {type: string, maxLength: 1024, minLength: 1}
                          status: {type: string, enum: ["True", "False", Unknown]}
                          type: {type: string, maxLength: 316}
                    lastHandledReconcileAt: {type: string}
                    observedGeneration: {type: integer, format: int64}
                    artifact:
                      type: object
                      required: [lastUpdateTime, path, revision, url]
                      properties:
                        digest: {type: string}
                        lastUpdateTime: {type: string, format: date-time}
                        metadata: {type: object, additionalProperties: {type: string}}
                        path: {type: string}
                        revision: {type: string}
                        size: {type: integer, format: int64}
                        url: {type: string}
                    observedIgnore: {type: string}
                    url: {type: string}
                    includedArtifacts:
                      type: array
                      items:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                    observedInclude:
                      type: array
                      items:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                    observedRecurseSubmodules: {type: boolean}
                    observedSparseCheckout:
                      type: array
                      items: {type: string}
                    sourceVerificationMode: {type: string}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ocirepositories.source.toolkit.fluxcd.io
  labels:
    app.kubernetes.io/component: source-controller
    app.kubernetes.io/instance: flux-system
    app.kubernetes.io/part-of: flux
    app.kubernetes.io/managed-by: ferry
spec:
  group: source.toolkit.fluxcd.io
  names:
    kind: OCIRepository
    listKind: OCIRepositoryList
    plural: ocirepositories
    singular: ocirepository
    shortNames: [ocirepo]
  scope: Namespaced
  versions:
        - name: v1
          served: true
          storage: true
          additionalPrinterColumns:
            - {jsonPath: .spec.url, name: URL, type: string}
            - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: Ready, type: string}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].message', name: Status, type: string}
          subresources:
            status: {}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                apiVersion: {type: string}
                kind: {type: string}
                metadata: {type: object}
                spec:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                status:
                  type: object
                  default:
                    observedGeneration: -1
                  properties:
                    conditions:
                      type: array
                      items:
                        type: object
                        required: [lastTransitionTime, message, reason, status, type]
                        properties:
                          lastTransitionTime: {type: string, format: date-time}
                          message: {type: string, maxLength: 32768}
                          observedGeneration: {type: integer, format: int64, minimum: 0}
                          reason: {type: string, maxLength: 1024, minLength: 1}
                          status: {type: string, enum: ["True", "False", Unknown]}
                          type: {type: string, maxLength: 316}
                    lastHandledReconcileAt: {type: string}
                    observedGeneration: {type: integer, format: int64}
                    artifact:
                      type: object
                      required: [lastUpdateTime, path, revision, url]
                      properties:
                        digest: {type: string}
                        lastUpdateTime: {type: string, format: date-time}
                        metadata: {type: object, additionalProperties: {type: string}}
                        path: {type: string}
                        revision: {type: string}
                        size: {type: integer, format: int64}
                        url: {type: string}
                    observedIgnore: {type: string}
                    url: {type: string}
                    observedLayerSelector:
                      type: object
                      x-kubernetes-preserve-unknown-fields: true
                    contentConfigChecksum: {type: string}
        - name: v1beta2
          served: true
          storage: false
          deprecated: true
          deprecationWarning: v1beta2 OCIRepository is deprecated, upgrade to v1
          additionalPrinterColumns:
            - {jsonPath: .spec.url, name: URL, type: string}
            - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: Ready, type: string}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].message', name: Status, type: string}
          subresources:
            status: {}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                apiVersion: {type: string}
                kind: {type: string}
                metadata: {type: object}
                spec:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                status:
                  type: object
                  default:
                    observedGeneration: -1
                  properties:
                    conditions:
                      type: array
                      items:
                        type: object
                        required: [lastTransitionTime, message, reason, status, type]
                        properties:
                          lastTransitionTime: {type: string, format: date-time}
                          message: {type: string, maxLength: 32768}
                          observedGeneration: {type: integer, format: int64, minimum: 0}
                          reason: {type: string, maxLength: 1024, minLength: 1}
                          status: {type: string, enum: ["True", "False", Unknown]}
                          type: {type: string, maxLength: 316}
                    lastHandledReconcileAt: {type: string}
                    observedGeneration: {type: integer, format: int64}
                    artifact:
                      type: object
                      required: [lastUpdateTime, path, revision, url]
                      properties:
                        digest: {type: string}
                        lastUpdateTime: {type: string, format: date-time}
                        metadata: {type: object, additionalProperties: {type: string}}
                        path: {type: string}
                        revision: {type: string}
                        size: {type: integer, format: int64}
                        url: {type: string}
                    observedIgnore: {type: string}
                    url: {type: string}
                    observedLayerSelector:
                      type: object
                      x-kubernetes-preserve-unknown-fields: true
                    contentConfigChecksum: {type: string}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: buckets.source.toolkit.fluxcd.io
  labels:
    app.kubernetes.io/component: source-controller
    app.kubernetes.io/instance: flux-system
    app.kubernetes.io/part-of: flux
    app.kubernetes.io/managed-by: ferry
spec:
  group: source.toolkit.fluxcd.io
  names:
    kind: Bucket
    listKind: BucketList
    plural: buckets
    singular: bucket
  scope: Namespaced
  versions:
        - name: v1
          served: true
          storage: true
          additionalPrinterColumns:
            - {jsonPath: .spec.endpoint, name: Endpoint, type: string}
            - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: Ready, type: string}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].message', name: Status, type: string}
          subresources:
            status: {}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                apiVersion: {type: string}
                kind: {type: string}
                metadata: {type: object}
                spec:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                status:
                  type: object
                  default:
                    observedGeneration: -1
                  properties:
                    conditions:
                      type: array
                      items:
                        type: object
                        required: [lastTransitionTime, message, reason, status, type]
                        properties:
                          lastTransitionTime: {type: string, format: date-time}
                          message: {type: string, maxLength: 32768}
                          observedGeneration: {type: integer, format: int64, minimum: 0}
                          reason: {type: string, maxLength: 1024, minLength: 1}
                          status: {type: string, enum: ["True", "False", Unknown]}
                          type: {type: string, maxLength: 316}
                    lastHandledReconcileAt: {type: string}
                    observedGeneration: {type: integer, format: int64}
                    artifact:
                      type: object
                      required: [lastUpdateTime, path, revision, url]
                      properties:
                        digest: {type: string}
                        lastUpdateTime: {type: string, format: date-time}
                        metadata: {type: object, additionalProperties: {type: string}}
                        path: {type: string}
                        revision: {type: string}
                        size: {type: integer, format: int64}
                        url: {type: string}
                    observedIgnore: {type: string}
                    url: {type: string}
        - name: v1beta2
          served: true
          storage: false
          deprecated: true
          deprecationWarning: v1beta2 Bucket is deprecated, upgrade to v1
          additionalPrinterColumns:
            - {jsonPath: .spec.endpoint, name: Endpoint, type: string}
            - {jsonPath: .metadata.creationTimestamp, name: Age, type: date}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].status', name: Ready, type: string}
            - {jsonPath: '.status.conditions[?(@.type=="Ready")].message', name: Status, type: string}
          subresources:
            status: {}
          schema:
            openAPIV3Schema:
              type: object
              properties:
                apiVersion: {type: string}
                kind: {type: string}
                metadata: {type: object}
                spec:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                status:
                  type: object
                  default:
                    observedGeneration: -1
                  properties:
                    conditions:
                      type: array
                      items:
                        type: object
                        required: [lastTransitionTime, message, reason, status, type]
                        properties:
                          lastTransitionTime: {type: string, format: date-time}
                          message: {type: string, maxLength: 32768}
                          observedGeneration: {type: integer, format: int64, minimum: 0}
                          reason: {type: string, maxLength: 1024, minLength: 1}
                          status: {type: string, enum: ["True", "False", Unknown]}
                          type: {type: string, maxLength: 316}
                    lastHandledReconcileAt: {type: string}
                    observedGeneration: {type: integer, format: int64}
                    artifact:
                      type: object
                      required: [lastUpdateTime, path, revision, url]
                      properties:
                        digest: {type: string}
                        lastUpdateTime: {type: string, format: date-time}
                        metadata: {type: object, additionalProperties: {type: string}}
                        path: {type: string}
                        revision: {type: string}
                        size: {type: integer, format: int64}
                        url: {type: string}
                    observedIgnore: {type: string}
                    url: {type: string}
)CRDS";

}  // namespace

std::string_view FluxCrdsYaml() { return kCrds; }

std::vector<yaml::Node> FluxCrds() {
  std::vector<yaml::Node> docs;
  Status st = yaml::ParseDocuments(kCrds, "flux-crds.yaml", &docs);
  if (!st.ok()) return {};
  return docs;
}

}  // namespace ferry::engine
