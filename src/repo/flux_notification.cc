#include "repo/flux_notification.h"

#include "repo/flux_fields.h"

namespace ferry::repo {

void ReadNotificationProviderSpec(FieldReader& spec, std::string_view version,
                                  NotificationProviderSpec* out) {
  spec.String("type", &out->type, /*required=*/true);
  spec.String("channel", &out->channel);
  spec.String("username", &out->username);
  spec.String("address", &out->address);
  spec.String("proxy", &out->proxy);
  spec.Dur("interval", &out->interval);
  spec.Dur("timeout", &out->timeout, false, /*hours=*/false);
  spec.Local("secretRef", &out->secret_ref);
  spec.Local("certSecretRef", &out->cert_secret_ref);
  spec.Bool("suspend", &out->suspend);
  (void)version;
}

void ReadAlertSpec(FieldReader& spec, std::string_view version,
                   AlertSpec* out) {
  std::optional<LocalReference> provider;
  spec.Local("providerRef", &provider, /*required=*/true);
  if (provider) out->provider_ref = *provider;
  spec.Enum("eventSeverity", &out->event_severity, {"info", "error"});
  spec.Objects(
      "eventSources",
      [&](FieldReader& r) {
        NamespacedReference ref;
        ReadNamespacedReference(r, &ref, /*kind_required=*/true);
        r.Map("matchLabels", &ref.match_labels);
        out->event_sources.push_back(std::move(ref));
      },
      /*required=*/true);
  spec.Strings("inclusionList", &out->inclusion_list);
  spec.Strings("exclusionList", &out->exclusion_list);
  spec.Map("eventMetadata", &out->event_metadata);
  spec.String("summary", &out->summary);
  spec.Bool("suspend", &out->suspend);
  (void)version;
}

void ReadReceiverSpec(FieldReader& spec, std::string_view version,
                      ReceiverSpec* out) {
  spec.String("type", &out->type, /*required=*/true);
  spec.Dur("interval", &out->interval);
  spec.Strings("events", &out->events);
  spec.Objects(
      "resources",
      [&](FieldReader& r) {
        NamespacedReference ref;
        ReadNamespacedReference(r, &ref, /*kind_required=*/true);
        r.Map("matchLabels", &ref.match_labels);
        out->resources.push_back(std::move(ref));
      },
      /*required=*/true);
  std::optional<LocalReference> secret;
  spec.Local("secretRef", &secret, /*required=*/true);
  if (secret) out->secret_ref = *secret;
  spec.String("resourceFilter", &out->resource_filter);
  spec.Bool("suspend", &out->suspend);
  (void)version;
}

}  // namespace ferry::repo
