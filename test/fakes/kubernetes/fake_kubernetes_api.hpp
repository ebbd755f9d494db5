// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_FAKE_KUBERNETES_API_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_FAKE_KUBERNETES_API_HPP

#include <agent_backends/http/http_endpoint.hpp>
#include <agent_backends/sandboxes/kubernetes_config.hpp>

#include "fakes/common/fake_fault.hpp"
#include "fakes/common/fake_request.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test {

namespace kubernetes_fake {
class api_state;
class api_runner;
}  // namespace kubernetes_fake

/// \brief Settings of a \ref fake_kubernetes_api.
struct fake_kubernetes_options
{
    /// Bearer token every request must carry (else 401 with a `Status`); empty: no authentication.
    std::string token{"fake-token"};
    /// Serve HTTPS with a certificate for `127.0.0.1` and `localhost` signed by a throw-away CA
    /// (\ref fake_kubernetes_api::ca_pem); false: plain HTTP.
    bool tls{false};
    /// With `tls`: refuse clients that present no certificate signed by the same throw-away CA
    /// (\ref tls_test_certificates::client_cert), as a cluster authenticating by client certificate does.
    bool require_client_certificate{false};
    /// Exec subprotocols the server speaks; it picks the first one the client offers that is in this list
    /// (`{"v4.channel.k8s.io"}` makes a v4-only server).
    std::vector<std::string> exec_protocols{"v5.channel.k8s.io", "v4.channel.k8s.io"};
    /// How many reads of a new pod still show it `Pending` (`ContainerCreating`) before it runs.
    std::size_t pending_reads{1};
    /// Where the pods' host directories are made; empty: a temporary directory removed with the fake.
    std::filesystem::path root_dir{};
};

/// \brief What the fake API server knows about one pod.
struct fake_pod_info
{
    std::string namespace_name;
    std::string name;
    std::string uid;
    std::string phase;        ///< `Pending`, `Running`, `Succeeded`, `Failed`.
    std::string image;
    std::string create_body;  ///< The `POST` body as received.
    std::string root_dir;     ///< The pod's host directory (execs start there unless `workingDir` exists).
    std::size_t execs{0};     ///< Execs run in it.
};

/// \brief A Kubernetes API server for tests: the real wire format on 127.0.0.1 (HTTP or HTTPS), pods
/// simulated on the host, exec over WebSocket running real commands, faults on demand.
///
/// \details Speaks what a pod sandbox and `kubectl get|create|delete|exec` use, with the real server's
/// status codes, `Status` error objects and streams: discovery (`/version`, `/api`, `/api/v1`, `/apis`),
/// pods in a namespace (create, get, list, watch with `?watch=true`, delete), and
/// `GET|POST .../pods/{name}/exec` upgraded to a WebSocket with `v5.channel.k8s.io` or
/// `v4.channel.k8s.io` (channel framing, the initial empty frame, `Status` on channel 3 with the exit code
/// as a `NonZeroExitCode` cause, close 1000).
///
/// Pods are simulated: a pod gets a host directory (\ref fake_pod_info::root_dir); an exec runs its
/// `command` argv for real as a host process group, in the container's `workingDir` when that is an
/// existing host directory, else in the pod's directory, with the host environment plus the container's
/// `env`. Paths a command names are host paths. Deleting a pod kills its execs' process groups.
/// `fail_image_pulls` keeps new pods `Pending` with the container waiting in `ErrImagePull` /
/// `ImagePullBackOff`.
///
/// Faults (\ref inject): `error_status` answers a `Status` object with `status`/`message` (reason from the
/// code); `invalid_json` a body that is not JSON (on exec: channel 3 carries it); `stall` never answers
/// (on exec: upgrades, then sends nothing); `drop_connection` closes the connection (on exec: after the
/// upgrade and some output, without a status or close frame); `malformed_frame_header` on exec upgrades,
/// then sends a frame that breaks RFC 6455 (reserved bits set, unknown opcode) and closes.
///
/// ```
/// fake_kubernetes_api api;
/// kubernetes_sandbox box(ex, {.cluster = api.config(), .image = "busybox", .work_dir = dir});
/// api.inject({.method = "POST", .path = "/api/v1/namespaces/*/pods", .status = 403, .message = "no"});
/// ```
///
/// \par Thread safety
/// Every member function may be called from any thread while the server runs (it serves on a thread of
/// its own).
class fake_kubernetes_api
{
public:
    /// \brief Starts serving on 127.0.0.1, a free port.
    /// \par Errors
    /// `boost::system::system_error` when the port cannot be bound; `std::runtime_error` when TLS is asked
    /// for and no certificate can be made (the openssl tool is missing).
    explicit fake_kubernetes_api(fake_kubernetes_options opts = {});
    ~fake_kubernetes_api();
    fake_kubernetes_api(const fake_kubernetes_api&) = delete;
    fake_kubernetes_api& operator=(const fake_kubernetes_api&) = delete;

    /// \brief `http://127.0.0.1:port` or `https://127.0.0.1:port`.
    std::string url() const;
    http_endpoint endpoint() const;

    /// \brief The CA certificate (PEM) the server's certificate chains to; empty without TLS.
    std::string ca_pem() const;

    /// \brief A configuration reaching this server: its URL, token, CA, namespace `default`.
    kubernetes_config config() const;

    /// \brief Writes a kubeconfig for this server (cluster, user with the token, context `fake` made
    /// current, namespace `default`) that kubectl and \ref kubernetes_config::from_kubeconfig read.
    void write_kubeconfig(const std::filesystem::path& file) const;

    /// \brief Makes later pods stay `Pending` with their container waiting for `reason`
    /// (`ErrImagePull`, `ImagePullBackOff`, `InvalidImageName`); empty: pods run.
    void fail_image_pulls(std::string reason);

    void inject(fake_fault fault);
    /// \brief An `error_status` fault for the next request matching `method` and `path`.
    void fail_next(std::string method, std::string path, unsigned status, std::string message);
    void clear_faults();

    std::vector<fake_pod_info> pods() const;
    std::optional<fake_pod_info> pod(std::string_view namespace_name, std::string_view name) const;

    /// \brief Deletes a pod as another client would (its execs' processes are killed).
    bool remove_pod(std::string_view namespace_name, std::string_view name);

    /// \brief Every request read so far, in order (the most recent 10000).
    std::vector<fake_request> requests() const;

    /// \brief Client connections open now (WebSockets included).
    std::size_t open_connections() const;

    /// \brief Closes the listener and every connection, kills every process started. Idempotent.
    void stop();

private:
    std::shared_ptr<kubernetes_fake::api_state> state_;
    std::unique_ptr<kubernetes_fake::api_runner> runner_;
};

}  // namespace agent_backends::test

#endif
