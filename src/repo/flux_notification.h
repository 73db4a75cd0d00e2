// Flux notifications (notification.toolkit.fluxcd.io v1beta3 / v1, older
// betas read too): Provider (where to send), Alert (what to send) and
// Receiver (webhooks that trigger reconciliation).
#ifndef FERRY_REPO_FLUX_NOTIFICATION_H_
#define FERRY_REPO_FLUX_NOTIFICATION_H_

#include <optional>
#include <string>
#include <vector>

#include "k8s/duration.h"
#include "repo/flux_common.h"

namespace ferry::repo {

/// spec of a notification Provider.
struct NotificationProviderSpec {
  std::string type;  // required: slack, github, generic, ...
  std::string channel, username, address, proxy;
  std::optional<k8s::Duration> interval;
  std::optional<k8s::Duration> timeout;
  std::optional<LocalReference> secret_ref;
  std::optional<LocalReference> cert_secret_ref;
  std::optional<bool> suspend;
};

/// A notification Provider object.
struct NotificationProvider {
  ObjectMeta meta;
  NotificationProviderSpec spec;
};

/// spec of an Alert.
struct AlertSpec {
  LocalReference provider_ref;                     // required
  std::string event_severity;                      // info|error
  std::vector<NamespacedReference> event_sources;  // required
  std::vector<std::string> inclusion_list, exclusion_list;
  StringMap event_metadata;
  std::string summary;
  std::optional<bool> suspend;
};

/// An Alert object.
struct Alert {
  ObjectMeta meta;
  AlertSpec spec;
};

/// spec of a Receiver.
struct ReceiverSpec {
  std::string type;  // required: generic, github, gitlab, ...
  std::optional<k8s::Duration> interval;
  std::vector<std::string> events;
  std::vector<NamespacedReference> resources;  // required
  LocalReference secret_ref;                   // required
  std::string resource_filter;
  std::optional<bool> suspend;
};

/// A Receiver object.
struct Receiver {
  ObjectMeta meta;
  ReceiverSpec spec;
};

}  // namespace ferry::repo

#endif  // FERRY_REPO_FLUX_NOTIFICATION_H_
