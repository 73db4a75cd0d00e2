#include "kustomize/builtin_fieldspecs.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "k8s/kind_order.h"
#include "yaml/parse.h"
#include "yaml/simple_block.h"
#include "yaml/resolve.h"

namespace ferry::kustomize {
namespace {

// kustomize v5.5.0's builtinpluginconsts, byte for byte as kubectl v1.32
// embeds them, joined with "\n" in GetDefaultFieldSpecs order (namePrefix,
// nameSuffix, commonLabels, commonAnnotations, namespace, varReference,
// nameReference, images, replicas). Kept verbatim, including its quirks:
// duplicate entries (Ingress spec/tls/secretName), and the IngressClass
// target whose group "networking.k8s.io/v1" never matches a real object.
constexpr std::string_view kBuiltinFieldSpecs = R"yaml(
namePrefix:
- path: metadata/name


nameSuffix:
- path: metadata/name


commonLabels:
- path: spec/selector
  create: true
  version: v1
  kind: Service

- path: spec/selector
  create: true
  version: v1
  kind: ReplicationController
- path: spec/selector/matchLabels
  create: true
  kind: Deployment

- path: spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels
  create: false
  group: apps
  kind: Deployment

- path: spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels
  create: false
  group: apps
  kind: Deployment

- path: spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels
  create: false
  group: apps
  kind: Deployment

- path: spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels
  create: false
  group: apps
  kind: Deployment

- path: spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels
  create: false
  group: apps
  kind: Deployment

- path: spec/selector/matchLabels
  create: true
  kind: ReplicaSet

- path: spec/selector/matchLabels
  create: true
  kind: DaemonSet

- path: spec/selector/matchLabels
  create: true
  group: apps
  kind: StatefulSet

- path: spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels
  create: false
  group: apps
  kind: StatefulSet

- path: spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels
  create: false
  group: apps
  kind: StatefulSet

- path: spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels
  create: false
  group: apps
  kind: StatefulSet

- path: spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels
  create: false
  group: apps
  kind: StatefulSet

- path: spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels
  create: false
  group: apps
  kind: StatefulSet

- path: spec/selector/matchLabels
  create: false
  group: batch
  kind: Job

- path: spec/jobTemplate/spec/selector/matchLabels
  create: false
  group: batch
  kind: CronJob

- path: spec/selector/matchLabels
  create: false
  group: policy
  kind: PodDisruptionBudget

- path: spec/podSelector/matchLabels
  create: false
  group: networking.k8s.io
  kind: NetworkPolicy

- path: spec/ingress/from/podSelector/matchLabels
  create: false
  group: networking.k8s.io
  kind: NetworkPolicy

- path: spec/egress/to/podSelector/matchLabels
  create: false
  group: networking.k8s.io
  kind: NetworkPolicy

- path: metadata/labels
  create: true

- path: spec/template/metadata/labels
  create: true
  version: v1
  kind: ReplicationController

- path: spec/template/metadata/labels
  create: true
  kind: Deployment

- path: spec/template/metadata/labels
  create: true
  kind: ReplicaSet

- path: spec/template/metadata/labels
  create: true
  kind: DaemonSet

- path: spec/template/metadata/labels
  create: true
  group: apps
  kind: StatefulSet

- path: spec/volumeClaimTemplates[]/metadata/labels
  create: true
  group: apps
  kind: StatefulSet

- path: spec/template/metadata/labels
  create: true
  group: batch
  kind: Job

- path: spec/jobTemplate/metadata/labels
  create: true
  group: batch
  kind: CronJob

- path: spec/jobTemplate/spec/template/metadata/labels
  create: true
  group: batch
  kind: CronJob


commonAnnotations:
- path: metadata/annotations
  create: true

- path: spec/template/metadata/annotations
  create: true
  version: v1
  kind: ReplicationController

- path: spec/template/metadata/annotations
  create: true
  kind: Deployment

- path: spec/template/metadata/annotations
  create: true
  kind: ReplicaSet

- path: spec/template/metadata/annotations
  create: true
  kind: DaemonSet

- path: spec/template/metadata/annotations
  create: true
  kind: StatefulSet

- path: spec/template/metadata/annotations
  create: true
  group: batch
  kind: Job

- path: spec/jobTemplate/metadata/annotations
  create: true
  group: batch
  kind: CronJob

- path: spec/jobTemplate/spec/template/metadata/annotations
  create: true
  group: batch
  kind: CronJob


namespace:
- path: metadata/name
  kind: Namespace
  create: true
- path: spec/service/namespace
  group: apiregistration.k8s.io
  kind: APIService
  create: true
- path: spec/conversion/webhook/clientConfig/service/namespace
  group: apiextensions.k8s.io
  kind: CustomResourceDefinition


varReference:
- path: spec/jobTemplate/spec/template/spec/containers/args
  kind: CronJob

- path: spec/jobTemplate/spec/template/spec/containers/command
  kind: CronJob

- path: spec/jobTemplate/spec/template/spec/containers/env/value
  kind: CronJob

- path: spec/jobTemplate/spec/template/spec/containers/volumeMounts/mountPath
  kind: CronJob

- path: spec/jobTemplate/spec/template/spec/initContainers/args
  kind: CronJob

- path: spec/jobTemplate/spec/template/spec/initContainers/command
  kind: CronJob

- path: spec/jobTemplate/spec/template/spec/initContainers/env/value
  kind: CronJob

- path: spec/jobTemplate/spec/template/spec/initContainers/volumeMounts/mountPath
  kind: CronJob

- path: spec/jobTemplate/spec/template/volumes/nfs/server
  kind: CronJob

- path: spec/template/spec/containers/args
  kind: DaemonSet

- path: spec/template/spec/containers/command
  kind: DaemonSet

- path: spec/template/spec/containers/env/value
  kind: DaemonSet

- path: spec/template/spec/containers/volumeMounts/mountPath
  kind: DaemonSet

- path: spec/template/spec/initContainers/args
  kind: DaemonSet

- path: spec/template/spec/initContainers/command
  kind: DaemonSet

- path: spec/template/spec/initContainers/env/value
  kind: DaemonSet

- path: spec/template/spec/initContainers/volumeMounts/mountPath
  kind: DaemonSet

- path: spec/template/spec/volumes/nfs/server
  kind: DaemonSet

- path: spec/template/spec/containers/args
  kind: Deployment

- path: spec/template/spec/containers/command
  kind: Deployment

- path: spec/template/spec/containers/env/value
  kind: Deployment

- path: spec/template/spec/containers/volumeMounts/mountPath
  kind: Deployment

- path: spec/template/spec/initContainers/args
  kind: Deployment

- path: spec/template/spec/initContainers/command
  kind: Deployment

- path: spec/template/spec/initContainers/env/value
  kind: Deployment

- path: spec/template/spec/initContainers/volumeMounts/mountPath
  kind: Deployment

- path: spec/template/spec/volumes/nfs/server
  kind: Deployment

- path: spec/template/metadata/annotations
  kind: Deployment

- path: spec/rules/host
  kind: Ingress

- path: spec/tls/hosts
  kind: Ingress
  
- path: spec/tls/secretName
  kind: Ingress

- path: spec/template/spec/containers/args
  kind: Job

- path: spec/template/spec/containers/command
  kind: Job

- path: spec/template/spec/containers/env/value
  kind: Job

- path: spec/template/spec/containers/volumeMounts/mountPath
  kind: Job

- path: spec/template/spec/initContainers/args
  kind: Job

- path: spec/template/spec/initContainers/command
  kind: Job

- path: spec/template/spec/initContainers/env/value
  kind: Job

- path: spec/template/spec/initContainers/volumeMounts/mountPath
  kind: Job

- path: spec/template/spec/volumes/nfs/server
  kind: Job

- path: spec/containers/args
  kind: Pod

- path: spec/containers/command
  kind: Pod

- path: spec/containers/env/value
  kind: Pod

- path: spec/containers/volumeMounts/mountPath
  kind: Pod

- path: spec/initContainers/args
  kind: Pod

- path: spec/initContainers/command
  kind: Pod

- path: spec/initContainers/env/value
  kind: Pod

- path: spec/initContainers/volumeMounts/mountPath
  kind: Pod

- path: spec/volumes/nfs/server
  kind: Pod

- path: spec/template/spec/containers/args
  kind: ReplicaSet

- path: spec/template/spec/containers/command
  kind: ReplicaSet

- path: spec/template/spec/containers/env/value
  kind: ReplicaSet

- path: spec/template/spec/containers/volumeMounts/mountPath
  kind: ReplicaSet

- path: spec/template/spec/initContainers/args
  kind: ReplicaSet

- path: spec/template/spec/initContainers/command
  kind: ReplicaSet

- path: spec/template/spec/initContainers/env/value
  kind: ReplicaSet

- path: spec/template/spec/initContainers/volumeMounts/mountPath
  kind: ReplicaSet

- path: spec/template/spec/volumes/nfs/server
  kind: ReplicaSet

- path: spec/ports/port
  kind: Service

- path: spec/ports/targetPort
  kind: Service

- path: spec/template/spec/containers/args
  kind: StatefulSet

- path: spec/template/spec/containers/command
  kind: StatefulSet

- path: spec/template/spec/containers/env/value
  kind: StatefulSet

- path: spec/template/spec/containers/volumeMounts/mountPath
  kind: StatefulSet

- path: spec/template/spec/initContainers/args
  kind: StatefulSet

- path: spec/template/spec/initContainers/command
  kind: StatefulSet

- path: spec/template/spec/initContainers/env/value
  kind: StatefulSet

- path: spec/template/spec/initContainers/volumeMounts/mountPath
  kind: StatefulSet

- path: spec/volumeClaimTemplates/spec/nfs/server
  kind: StatefulSet

- path: spec/nfs/server
  kind: PersistentVolume

- path: metadata/labels

- path: metadata/annotations


nameReference:
- kind: Deployment
  fieldSpecs:
  - path: spec/scaleTargetRef/name
    kind: HorizontalPodAutoscaler

- kind: ReplicationController
  fieldSpecs:
  - path: spec/scaleTargetRef/name
    kind: HorizontalPodAutoscaler

- kind: ReplicaSet
  fieldSpecs:
  - path: spec/scaleTargetRef/name
    kind: HorizontalPodAutoscaler

- kind: StatefulSet
  fieldSpecs:
  - path: spec/scaleTargetRef/name
    kind: HorizontalPodAutoscaler

- kind: ConfigMap
  version: v1
  fieldSpecs:
  - path: spec/volumes/configMap/name
    version: v1
    kind: Pod
  - path: spec/containers/env/valueFrom/configMapKeyRef/name
    version: v1
    kind: Pod
  - path: spec/initContainers/env/valueFrom/configMapKeyRef/name
    version: v1
    kind: Pod
  - path: spec/containers/envFrom/configMapRef/name
    version: v1
    kind: Pod
  - path: spec/initContainers/envFrom/configMapRef/name
    version: v1
    kind: Pod
  - path: spec/volumes/projected/sources/configMap/name
    version: v1
    kind: Pod
  - path: template/spec/volumes/configMap/name
    kind: PodTemplate
  - path: template/spec/containers/env/valueFrom/configMapKeyRef/name
    kind: PodTemplate
  - path: template/spec/initContainers/env/valueFrom/configMapKeyRef/name
    kind: PodTemplate
  - path: template/spec/containers/envFrom/configMapRef/name
    kind: PodTemplate
  - path: template/spec/initContainers/envFrom/configMapRef/name
    kind: PodTemplate
  - path: template/spec/volumes/projected/sources/configMap/name
    kind: PodTemplate
  - path: spec/template/spec/volumes/configMap/name
    kind: Deployment
  - path: spec/template/spec/containers/env/valueFrom/configMapKeyRef/name
    kind: Deployment
  - path: spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name
    kind: Deployment
  - path: spec/template/spec/containers/envFrom/configMapRef/name
    kind: Deployment
  - path: spec/template/spec/initContainers/envFrom/configMapRef/name
    kind: Deployment
  - path: spec/template/spec/volumes/projected/sources/configMap/name
    kind: Deployment
  - path: spec/template/spec/volumes/configMap/name
    kind: ReplicaSet
  - path: spec/template/spec/containers/env/valueFrom/configMapKeyRef/name
    kind: ReplicaSet
  - path: spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name
    kind: ReplicaSet
  - path: spec/template/spec/containers/envFrom/configMapRef/name
    kind: ReplicaSet
  - path: spec/template/spec/initContainers/envFrom/configMapRef/name
    kind: ReplicaSet
  - path: spec/template/spec/volumes/projected/sources/configMap/name
    kind: ReplicaSet
  - path: spec/template/spec/volumes/configMap/name
    kind: DaemonSet
  - path: spec/template/spec/containers/env/valueFrom/configMapKeyRef/name
    kind: DaemonSet
  - path: spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name
    kind: DaemonSet
  - path: spec/template/spec/containers/envFrom/configMapRef/name
    kind: DaemonSet
  - path: spec/template/spec/initContainers/envFrom/configMapRef/name
    kind: DaemonSet
  - path: spec/template/spec/volumes/projected/sources/configMap/name
    kind: DaemonSet
  - path: spec/template/spec/volumes/configMap/name
    kind: StatefulSet
  - path: spec/template/spec/containers/env/valueFrom/configMapKeyRef/name
    kind: StatefulSet
  - path: spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name
    kind: StatefulSet
  - path: spec/template/spec/containers/envFrom/configMapRef/name
    kind: StatefulSet
  - path: spec/template/spec/initContainers/envFrom/configMapRef/name
    kind: StatefulSet
  - path: spec/template/spec/volumes/projected/sources/configMap/name
    kind: StatefulSet
  - path: spec/template/spec/volumes/configMap/name
    kind: Job
  - path: spec/template/spec/containers/env/valueFrom/configMapKeyRef/name
    kind: Job
  - path: spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name
    kind: Job
  - path: spec/template/spec/containers/envFrom/configMapRef/name
    kind: Job
  - path: spec/template/spec/initContainers/envFrom/configMapRef/name
    kind: Job
  - path: spec/template/spec/volumes/projected/sources/configMap/name
    kind: Job
  - path: spec/jobTemplate/spec/template/spec/volumes/configMap/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/volumes/projected/sources/configMap/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/containers/env/valueFrom/configMapKeyRef/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/initContainers/env/valueFrom/configMapKeyRef/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/containers/envFrom/configMapRef/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/initContainers/envFrom/configMapRef/name
    kind: CronJob
  - path: spec/configSource/configMap
    kind: Node
  - path: rules/resourceNames
    kind: Role
  - path: rules/resourceNames
    kind: ClusterRole
  - path: metadata/annotations/nginx.ingress.kubernetes.io\/fastcgi-params-configmap
    kind: Ingress

- kind: Secret
  version: v1
  fieldSpecs:
  - path: spec/volumes/secret/secretName
    version: v1
    kind: Pod
  - path: spec/containers/env/valueFrom/secretKeyRef/name
    version: v1
    kind: Pod
  - path: spec/initContainers/env/valueFrom/secretKeyRef/name
    version: v1
    kind: Pod
  - path: spec/containers/envFrom/secretRef/name
    version: v1
    kind: Pod
  - path: spec/initContainers/envFrom/secretRef/name
    version: v1
    kind: Pod
  - path: spec/imagePullSecrets/name
    version: v1
    kind: Pod
  - path: spec/volumes/projected/sources/secret/name
    version: v1
    kind: Pod
  - path: template/spec/volumes/secret/secretName
    kind: PodTemplate
  - path: template/spec/containers/env/valueFrom/secretKeyRef/name
    kind: PodTemplate
  - path: template/spec/initContainers/env/valueFrom/secretKeyRef/name
    kind: PodTemplate
  - path: template/spec/containers/envFrom/secretRef/name
    kind: PodTemplate
  - path: template/spec/initContainers/envFrom/secretRef/name
    kind: PodTemplate
  - path: template/spec/imagePullSecrets/name
    kind: PodTemplate
  - path: template/spec/volumes/projected/sources/secret/name
    kind: PodTemplate
  - path: spec/template/spec/volumes/secret/secretName
    kind: Deployment
  - path: spec/template/spec/containers/env/valueFrom/secretKeyRef/name
    kind: Deployment
  - path: spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name
    kind: Deployment
  - path: spec/template/spec/containers/envFrom/secretRef/name
    kind: Deployment
  - path: spec/template/spec/initContainers/envFrom/secretRef/name
    kind: Deployment
  - path: spec/template/spec/imagePullSecrets/name
    kind: Deployment
  - path: spec/template/spec/volumes/projected/sources/secret/name
    kind: Deployment
  - path: spec/template/spec/volumes/secret/secretName
    kind: ReplicaSet
  - path: spec/template/spec/containers/env/valueFrom/secretKeyRef/name
    kind: ReplicaSet
  - path: spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name
    kind: ReplicaSet
  - path: spec/template/spec/containers/envFrom/secretRef/name
    kind: ReplicaSet
  - path: spec/template/spec/initContainers/envFrom/secretRef/name
    kind: ReplicaSet
  - path: spec/template/spec/imagePullSecrets/name
    kind: ReplicaSet
  - path: spec/template/spec/volumes/projected/sources/secret/name
    kind: ReplicaSet
  - path: spec/template/spec/volumes/secret/secretName
    kind: DaemonSet
  - path: spec/template/spec/containers/env/valueFrom/secretKeyRef/name
    kind: DaemonSet
  - path: spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name
    kind: DaemonSet
  - path: spec/template/spec/containers/envFrom/secretRef/name
    kind: DaemonSet
  - path: spec/template/spec/initContainers/envFrom/secretRef/name
    kind: DaemonSet
  - path: spec/template/spec/imagePullSecrets/name
    kind: DaemonSet
  - path: spec/template/spec/volumes/projected/sources/secret/name
    kind: DaemonSet
  - path: spec/template/spec/volumes/secret/secretName
    kind: StatefulSet
  - path: spec/template/spec/containers/env/valueFrom/secretKeyRef/name
    kind: StatefulSet
  - path: spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name
    kind: StatefulSet
  - path: spec/template/spec/containers/envFrom/secretRef/name
    kind: StatefulSet
  - path: spec/template/spec/initContainers/envFrom/secretRef/name
    kind: StatefulSet
  - path: spec/template/spec/imagePullSecrets/name
    kind: StatefulSet
  - path: spec/template/spec/volumes/projected/sources/secret/name
    kind: StatefulSet
  - path: spec/template/spec/volumes/secret/secretName
    kind: Job
  - path: spec/template/spec/containers/env/valueFrom/secretKeyRef/name
    kind: Job
  - path: spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name
    kind: Job
  - path: spec/template/spec/containers/envFrom/secretRef/name
    kind: Job
  - path: spec/template/spec/initContainers/envFrom/secretRef/name
    kind: Job
  - path: spec/template/spec/imagePullSecrets/name
    kind: Job
  - path: spec/template/spec/volumes/projected/sources/secret/name
    kind: Job
  - path: spec/jobTemplate/spec/template/spec/volumes/secret/secretName
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/volumes/projected/sources/secret/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/containers/env/valueFrom/secretKeyRef/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/initContainers/env/valueFrom/secretKeyRef/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/containers/envFrom/secretRef/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/initContainers/envFrom/secretRef/name
    kind: CronJob
  - path: spec/jobTemplate/spec/template/spec/imagePullSecrets/name
    kind: CronJob
  - path: spec/tls/secretName
    kind: Ingress
  - path: metadata/annotations/ingress.kubernetes.io\/auth-secret
    kind: Ingress
  - path: metadata/annotations/nginx.ingress.kubernetes.io\/auth-secret
    kind: Ingress
  - path: metadata/annotations/nginx.ingress.kubernetes.io\/auth-tls-secret
    kind: Ingress
  - path: spec/tls/secretName
    kind: Ingress
  - path: imagePullSecrets/name
    kind: ServiceAccount
  - path: parameters/secretName
    kind: StorageClass
  - path: parameters/adminSecretName
    kind: StorageClass
  - path: parameters/userSecretName
    kind: StorageClass
  - path: parameters/secretRef
    kind: StorageClass
  - path: rules/resourceNames
    kind: Role
  - path: rules/resourceNames
    kind: ClusterRole
  - path: spec/template/spec/containers/env/valueFrom/secretKeyRef/name
    kind: Service
    group: serving.knative.dev
    version: v1
  - path: spec/azureFile/secretName
    kind: PersistentVolume

- kind: Service
  version: v1
  fieldSpecs:
  - path: spec/serviceName
    kind: StatefulSet
    group: apps
  - path: spec/rules/http/paths/backend/serviceName
    kind: Ingress
  - path: spec/backend/serviceName
    kind: Ingress
  - path: spec/rules/http/paths/backend/service/name
    kind: Ingress
  - path: spec/defaultBackend/service/name
    kind: Ingress
  - path: spec/service/name
    kind: APIService
    group: apiregistration.k8s.io
  - path: webhooks/clientConfig/service
    kind: ValidatingWebhookConfiguration
    group: admissionregistration.k8s.io
  - path: webhooks/clientConfig/service
    kind: MutatingWebhookConfiguration
    group: admissionregistration.k8s.io

- kind: Role
  group: rbac.authorization.k8s.io
  fieldSpecs:
  - path: roleRef/name
    kind: RoleBinding
    group: rbac.authorization.k8s.io

- kind: ClusterRole
  group: rbac.authorization.k8s.io
  fieldSpecs:
  - path: roleRef/name
    kind: RoleBinding
    group: rbac.authorization.k8s.io
  - path: roleRef/name
    kind: ClusterRoleBinding
    group: rbac.authorization.k8s.io

- kind: ServiceAccount
  version: v1
  fieldSpecs:
  - path: subjects
    kind: RoleBinding
    group: rbac.authorization.k8s.io
  - path: subjects
    kind: ClusterRoleBinding
    group: rbac.authorization.k8s.io
  - path: spec/serviceAccountName
    kind: Pod
  - path: spec/template/spec/serviceAccountName
    kind: StatefulSet
  - path: spec/template/spec/serviceAccountName
    kind: Deployment
  - path: spec/template/spec/serviceAccountName
    kind: ReplicationController
  - path: spec/jobTemplate/spec/template/spec/serviceAccountName
    kind: CronJob
  - path: spec/template/spec/serviceAccountName
    kind: Job
  - path: spec/template/spec/serviceAccountName
    kind: DaemonSet

- kind: PersistentVolumeClaim
  version: v1
  fieldSpecs:
  - path: spec/volumes/persistentVolumeClaim/claimName
    kind: Pod
  - path: spec/template/spec/volumes/persistentVolumeClaim/claimName
    kind: StatefulSet
  - path: spec/template/spec/volumes/persistentVolumeClaim/claimName
    kind: Deployment
  - path: spec/template/spec/volumes/persistentVolumeClaim/claimName
    kind: ReplicationController
  - path: spec/jobTemplate/spec/template/spec/volumes/persistentVolumeClaim/claimName
    kind: CronJob
  - path: spec/template/spec/volumes/persistentVolumeClaim/claimName
    kind: Job
  - path: spec/template/spec/volumes/persistentVolumeClaim/claimName
    kind: DaemonSet

- kind: PersistentVolume
  version: v1
  fieldSpecs:
  - path: spec/volumeName
    kind: PersistentVolumeClaim
  - path: rules/resourceNames
    kind: ClusterRole

- kind: StorageClass
  version: v1
  group: storage.k8s.io
  fieldSpecs:
  - path: spec/storageClassName
    kind: PersistentVolume
  - path: spec/storageClassName
    kind: PersistentVolumeClaim
  - path: spec/volumeClaimTemplates/spec/storageClassName
    kind: StatefulSet

- kind: PriorityClass
  version: v1
  group: scheduling.k8s.io
  fieldSpecs:
  - path: spec/priorityClassName
    kind: Pod
  - path: spec/template/spec/priorityClassName
    kind: StatefulSet
  - path: spec/template/spec/priorityClassName
    kind: Deployment
  - path: spec/template/spec/priorityClassName
    kind: ReplicationController
  - path: spec/jobTemplate/spec/template/spec/priorityClassName
    kind: CronJob
  - path: spec/template/spec/priorityClassName
    kind: Job
  - path: spec/template/spec/priorityClassName
    kind: DaemonSet

- kind: IngressClass
  version: v1
  group: networking.k8s.io/v1
  fieldSpecs:
  - path: spec/ingressClassName
    kind: Ingress

- kind: ValidatingAdmissionPolicy
  group: admissionregistration.k8s.io
  fieldSpecs:
  - path: spec/policyName
    kind: ValidatingAdmissionPolicyBinding
    group: admissionregistration.k8s.io


images:
- path: spec/containers[]/image
  create: true
- path: spec/initContainers[]/image
  create: true
- path: spec/template/spec/containers[]/image
  create: true
- path: spec/template/spec/initContainers[]/image
  create: true


replicas:
- path: spec/replicas
  create: true
  kind: Deployment

- path: spec/replicas
  create: true
  kind: ReplicationController

- path: spec/replicas
  create: true
  kind: ReplicaSet

- path: spec/replicas
  create: true
  kind: StatefulSet
)yaml";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The value at `key`, matched as Go's encoding/json matches struct fields
// (exact first, then case-insensitively; the last such key wins).
const yaml::Node *GetFold(const yaml::Node &map, std::string_view key) {
  if (!map.IsMap()) return nullptr;
  if (const yaml::Node *exact = map.Get(key)) return exact;
  const yaml::Node *found = nullptr;
  for (const yaml::Pair &p : map.pairs())
    if (EqualsIgnoreCase(p.key.value(), key)) found = &p.value;
  return found;
}

// kustomize's Gvk.IsLessThan: kind rank (orderFirst/orderLast), then
// "group_version_kind".
bool GvkLess(const k8s::Gvk &a, const k8s::Gvk &b) {
  static const k8s::KindOrder *order = new k8s::KindOrder();
  int ra = order->Rank(a.kind), rb = order->Rank(b.kind);
  if (ra != rb) return ra < rb;
  return a.String() < b.String();
}

// Go's sort.Sort is not stable; for the lists kustomize sorts, entries of
// equal gvk only ever differ in path, and no transformer's output depends
// on their relative order, so a stable sort is used.
void SortSpecs(std::vector<FieldSpec> *specs) {
  std::stable_sort(specs->begin(), specs->end(),
                   [](const FieldSpec &a, const FieldSpec &b) {
                     return GvkLess(a.gvk, b.gvk);
                   });
}

void SortConfig(TransformerConfig *c) {
  for (auto *list :
       {&c->name_prefix, &c->name_suffix, &c->namespace_, &c->common_labels,
        &c->labels, &c->template_labels, &c->common_annotations,
        &c->var_reference, &c->images, &c->replicas})
    SortSpecs(list);
  std::stable_sort(c->name_reference.begin(), c->name_reference.end(),
                   [](const NameBackReference &a, const NameBackReference &b) {
                     return GvkLess(a.target, b.target);
                   });
}

// FsSlice.MergeOne: skips a spec already present (same path, and the
// existing gvk selected by the incoming one).
Status MergeOne(std::vector<FieldSpec> *list, const FieldSpec &x) {
  for (const FieldSpec &e : *list) {
    if (e.path == x.path && e.gvk.IsSelectedBy(x.gvk)) {
      if (e.create != x.create) return Status::Error("conflicting fieldspecs");
      return Status::Ok();
    }
  }
  list->push_back(x);
  return Status::Ok();
}

Status MergeAll(std::vector<FieldSpec> *list,
                const std::vector<FieldSpec> &incoming) {
  for (const FieldSpec &x : incoming) FERRY_RETURN_IF_ERROR(MergeOne(list, x));
  return Status::Ok();
}

Status MergeList(std::vector<FieldSpec> *list,
                 const std::vector<FieldSpec> &incoming,
                 std::string_view what) {
  Status st = MergeAll(list, incoming);
  if (!st.ok())
    return Status::Error("failed to merge " + std::string(what) +
                         " fieldSpec: " + st.message());
  return Status::Ok();
}

Status ParseBackReferences(const yaml::Node &list,
                           std::vector<NameBackReference> *out) {
  if (list.IsNull()) return Status::Ok();
  if (!list.IsSeq())
    return yaml::ErrorAt(list, "expected a list of nameReference entries");
  for (const yaml::Node &item : list.items()) {
    if (!item.IsMap())
      return yaml::ErrorAt(item, "expected a nameReference mapping");
    NameBackReference nbr;
    auto str = [&](std::string_view key) {
      const yaml::Node *n = GetFold(item, key);
      return n && n->IsScalar() ? n->value() : std::string();
    };
    nbr.target.group = str("group");
    nbr.target.version = str("version");
    nbr.target.kind = str("kind");
    if (const yaml::Node *fs = GetFold(item, "fieldSpecs"))
      FERRY_RETURN_IF_ERROR(ParseFieldSpecs(*fs, &nbr.referrers));
    out->push_back(std::move(nbr));
  }
  return Status::Ok();
}

// A string-valued OpenAPI extension of a schema (go-openapi lowercases
// extension keys, and GetString wants a string value).
bool Extension(const yaml::Node &schema, std::string_view key,
               std::string *value) {
  const yaml::Node *n = nullptr;
  for (const yaml::Pair &p : schema.pairs())
    if (EqualsIgnoreCase(p.key.value(), key)) n = &p.value;
  if (!n || !n->IsScalar() || yaml::ResolveV3(*n) != yaml::ScalarType::kString)
    return false;
  if (value) *value = n->value();
  return true;
}

std::string JoinPath(const std::vector<std::string> &path) {
  std::string s;
  for (const std::string &p : path) {
    if (!s.empty()) s += '/';
    s += p;
  }
  return s;
}

// kustomize's loadCrdIntoConfig.
Status LoadCrdType(TransformerConfig *tc, const k8s::Gvk &gvk,
                   const yaml::Node &defs, std::string_view type_name,
                   std::vector<std::string> *path, int depth) {
  if (depth > 64) return Status::Ok();  // $ref cycle
  const yaml::Node *def = nullptr;
  for (const yaml::Pair &p : defs.pairs())
    if (p.key.value() == type_name) def = &p.value;
  if (!def) return Status::Ok();
  const yaml::Node *schema = GetFold(*def, "Schema");
  const yaml::Node *props = schema ? schema->Get("properties") : nullptr;
  if (!props || !props->IsMap()) return Status::Ok();
  for (const yaml::Pair &p : props->pairs()) {
    const yaml::Node &prop = p.value;
    if (!prop.IsMap()) continue;
    path->push_back(p.key.value());
    FieldSpec fs{gvk, JoinPath(*path), false};
    Status st;
    if (Extension(prop, "x-kubernetes-annotation", nullptr))
      st = MergeOne(&tc->common_annotations, fs);
    if (st.ok() && Extension(prop, "x-kubernetes-label-selector", nullptr))
      st = MergeOne(&tc->common_labels, fs);
    if (st.ok() && Extension(prop, "x-kubernetes-identity", nullptr))
      st = MergeOne(&tc->name_prefix, fs);
    std::string version, kind, name_key = "name";
    if (st.ok() &&
        Extension(prop, "x-kubernetes-object-ref-api-version", &version) &&
        Extension(prop, "x-kubernetes-object-ref-kind", &kind)) {
      Extension(prop, "x-kubernetes-object-ref-name-key", &name_key);
      TransformerConfig ref;
      ref.name_reference.push_back(
          {k8s::Gvk{"", version, kind},
           {FieldSpec{gvk, fs.path + "/" + name_key, false}}});
      // AddNamereferenceFieldSpec: merge into the back reference of the same
      // target, or append one.
      bool found = false;
      for (NameBackReference &nbr : tc->name_reference) {
        if (nbr.target == ref.name_reference[0].target) {
          st = MergeAll(&nbr.referrers, ref.name_reference[0].referrers);
          found = true;
        }
      }
      if (!found) tc->name_reference.push_back(ref.name_reference[0]);
    }
    if (st.ok()) {
      if (const yaml::Node *r = prop.Get("$ref");
          r && r->IsScalar() && !r->value().empty())
        st = LoadCrdType(tc, gvk, defs, r->value(), path, depth + 1);
    }
    path->pop_back();
    FERRY_RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

}  // namespace

Status TransformerConfig::Merge(const TransformerConfig &o) {
  FERRY_RETURN_IF_ERROR(MergeList(&name_prefix, o.name_prefix, "NamePrefix"));
  FERRY_RETURN_IF_ERROR(MergeList(&name_suffix, o.name_suffix, "NameSuffix"));
  FERRY_RETURN_IF_ERROR(MergeList(&namespace_, o.namespace_, "NameSpace"));
  FERRY_RETURN_IF_ERROR(MergeList(&common_annotations, o.common_annotations,
                                  "CommonAnnotations"));
  FERRY_RETURN_IF_ERROR(
      MergeList(&common_labels, o.common_labels, "CommonLabels"));
  FERRY_RETURN_IF_ERROR(MergeList(&labels, o.labels, "Labels"));
  FERRY_RETURN_IF_ERROR(
      MergeList(&template_labels, o.template_labels, "TemplateLabels"));
  FERRY_RETURN_IF_ERROR(
      MergeList(&var_reference, o.var_reference, "VarReference"));
  for (const NameBackReference &other : o.name_reference) {
    bool found = false;
    for (NameBackReference &nbr : name_reference) {
      if (nbr.target == other.target) {
        Status st = MergeAll(&nbr.referrers, other.referrers);
        if (!st.ok())
          return Status::Error("failed to merge NameReference fieldSpec: " +
                               st.message());
        found = true;
      }
    }
    if (!found) name_reference.push_back(other);
  }
  FERRY_RETURN_IF_ERROR(MergeList(&images, o.images, "Images"));
  FERRY_RETURN_IF_ERROR(MergeList(&replicas, o.replicas, "Replicas"));
  SortConfig(this);
  return Status::Ok();
}

std::string_view BuiltinFieldSpecsYaml() { return kBuiltinFieldSpecs; }

const TransformerConfig &DefaultTransformerConfig() {
  static const TransformerConfig *config = [] {
    // The fast reader handles this table; the general parser is the
    // fallback (builtin_fieldspecs_test checks both give the same tree).
    yaml::Node doc;
    Status st;
    if (!yaml::ParseSimpleBlock(kBuiltinFieldSpecs, "<builtin>", &doc))
      st = yaml::ParseDocument(kBuiltinFieldSpecs, "<builtin>", &doc);
    TransformerConfig raw;
    if (st.ok()) st = ParseTransformerConfig(doc, &raw);
    auto *merged = new TransformerConfig();
    if (st.ok()) st = merged->Merge(raw);
    if (!st.ok()) {
      // The table is a constant; failing here is a programming error.
      std::fprintf(stderr, "builtin fieldspecs: %s\n", st.message().c_str());
      std::abort();
    }
    return merged;
  }();
  return *config;
}

Status ParseTransformerConfig(const yaml::Node &doc, TransformerConfig *out) {
  *out = TransformerConfig();
  if (doc.IsNull()) return Status::Ok();
  if (!doc.IsMap())
    return yaml::ErrorAt(doc, "expected a mapping of transformer configs");
  struct Field {
    std::string_view key;
    std::vector<FieldSpec> *list;
  };
  const Field fields[] = {
      {"namePrefix", &out->name_prefix},
      {"nameSuffix", &out->name_suffix},
      {"namespace", &out->namespace_},
      {"commonLabels", &out->common_labels},
      {"labels", &out->labels},
      {"templateLabels", &out->template_labels},
      {"commonAnnotations", &out->common_annotations},
      {"varReference", &out->var_reference},
      {"images", &out->images},
      {"replicas", &out->replicas},
  };
  for (const Field &f : fields) {
    if (const yaml::Node *n = GetFold(doc, f.key))
      FERRY_RETURN_IF_ERROR(ParseFieldSpecs(*n, f.list));
  }
  if (const yaml::Node *n = GetFold(doc, "nameReference"))
    FERRY_RETURN_IF_ERROR(ParseBackReferences(*n, &out->name_reference));
  SortConfig(out);
  return Status::Ok();
}

Status ParseCrdConfig(const yaml::Node &doc, TransformerConfig *out) {
  *out = TransformerConfig();
  if (doc.IsNull()) return Status::Ok();
  if (!doc.IsMap())
    return yaml::ErrorAt(doc, "expected a mapping of OpenAPI definitions");
  for (const yaml::Pair &p : doc.pairs()) {
    const yaml::Node *schema = GetFold(p.value, "Schema");
    const yaml::Node *props = schema ? schema->Get("properties") : nullptr;
    if (!props || !props->IsMap() || !props->Get("kind") ||
        !props->Get("apiVersion") || !props->Get("metadata"))
      continue;
    std::string_view name = p.key.value();
    size_t dot = name.rfind('.');
    k8s::Gvk gvk;
    gvk.kind = std::string(
        dot == std::string_view::npos ? name : name.substr(dot + 1));
    TransformerConfig tc;
    std::vector<std::string> path;
    FERRY_RETURN_IF_ERROR(LoadCrdType(&tc, gvk, doc, name, &path, 0));
    FERRY_RETURN_IF_ERROR(out->Merge(tc));
  }
  return Status::Ok();
}

}  // namespace ferry::kustomize
