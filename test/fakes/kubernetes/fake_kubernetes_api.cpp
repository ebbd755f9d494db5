// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/fake_kubernetes_api.hpp"

#include "core/base64.hpp"
#include "fakes/common/tls_test_certificates.hpp"
#include "fakes/kubernetes/api_state.hpp"
#include "fakes/kubernetes/listener.hpp"
#include "fakes/kubernetes/server_context.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>

#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends::test::kubernetes_fake {

/// The server's thread: an io_context of its own, the TLS context, the listener.
class api_runner
{
public:
    explicit api_runner(std::shared_ptr<api_state> state)
        : io_(std::make_unique<asio::io_context>(1)), work_(io_->get_executor())
    {
        if (state->options.tls)
        {
            const auto& certificates = test_certificates();
            if (!certificates.available)
                throw std::runtime_error("fake Kubernetes API server: no TLS certificate: " +
                                         certificates.why_not);
            tls_.emplace(asio::ssl::context::tls_server);
            tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                              asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                              asio::ssl::context::no_tlsv1_1);
            tls_->use_certificate_chain_file(certificates.server_cert);
            tls_->use_private_key_file(certificates.server_key, asio::ssl::context::pem);
            if (state->options.require_client_certificate)
            {
                tls_->load_verify_file(certificates.ca_cert);
                tls_->set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
            }
            ca_pem_ = certificates.ca_pem;
        }
        ctx_ = std::make_shared<server_context>(io_->get_executor(), std::move(state));
        url_ = start_listening(ctx_, tls_ ? &*tls_ : nullptr);
        thread_ = std::thread([io = io_.get()] { io->run(); });
    }

    ~api_runner() { stop(); }
    api_runner(const api_runner&) = delete;
    api_runner& operator=(const api_runner&) = delete;

    const std::string& url() const noexcept { return url_; }
    const std::string& ca_pem() const noexcept { return ca_pem_; }

    std::size_t open_connections() const
    {
        std::lock_guard lock(stop_mutex_);
        return ctx_ ? ctx_->open_connections() : 0;
    }

    /// Wakes the watches after a change made from outside the server's thread.
    void notify_change()
    {
        std::lock_guard lock(stop_mutex_);
        if (!stopped_)
            asio::post(*io_, [ctx = ctx_] { ctx->notify_change(); });
    }

    void stop()
    {
        std::lock_guard lock(stop_mutex_);
        if (stopped_)
            return;
        stopped_ = true;
        // Close everything on the server's thread, then end it; coroutines still suspended are destroyed with
        // the io_context, which closes their sockets and kills and reaps their processes.
        std::promise<void> closed;
        asio::post(*io_, [&] {
            ctx_->close_all();
            closed.set_value();
        });
        closed.get_future().wait();
        work_.reset();
        io_->stop();
        thread_.join();
        io_.reset();
    }

private:
    std::optional<asio::ssl::context> tls_;  // outlives the connections, which io_ owns
    std::unique_ptr<asio::io_context> io_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
    std::shared_ptr<server_context> ctx_;
    std::thread thread_;
    std::string url_;
    std::string ca_pem_;
    mutable std::mutex stop_mutex_;
    bool stopped_{false};
};

}  // namespace agent_backends::test::kubernetes_fake

namespace agent_backends::test {
namespace {

fake_pod_info info_of(const kubernetes_fake::pod_record& p)
{
    std::string image = p.containers.empty() ? std::string() : p.containers.front().image;
    return {p.namespace_name, p.name, p.uid, p.phase, image, p.create_body, p.root_dir, p.execs};
}

// A YAML double-quoted scalar.
std::string yaml_quoted(std::string_view s)
{
    std::string out = "\"";
    for (char c : s)
    {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

fake_kubernetes_api::fake_kubernetes_api(fake_kubernetes_options opts)
    : state_(std::make_shared<kubernetes_fake::api_state>(std::move(opts))),
      runner_(std::make_unique<kubernetes_fake::api_runner>(state_))
{}

fake_kubernetes_api::~fake_kubernetes_api()
{
    runner_->stop();
}

std::string fake_kubernetes_api::url() const
{
    return runner_->url();
}

http_endpoint fake_kubernetes_api::endpoint() const
{
    return http_endpoint::parse(url());
}

std::string fake_kubernetes_api::ca_pem() const
{
    return runner_->ca_pem();
}

kubernetes_config fake_kubernetes_api::config() const
{
    kubernetes_config c;
    c.server = endpoint();
    c.tls.ca_pem = ca_pem();
    c.token = state_->options.token;
    c.namespace_name = "default";
    return c;
}

void fake_kubernetes_api::write_kubeconfig(const std::filesystem::path& file) const
{
    std::string cluster = "    server: " + yaml_quoted(url()) + "\n";
    if (!ca_pem().empty())
        cluster += "    certificate-authority-data: " + detail::base64_encode(ca_pem()) + "\n";
    std::string user = state_->options.token.empty()
                           ? "  user: {}\n"
                           : "  user:\n    token: " + yaml_quoted(state_->options.token) + "\n";
    std::string text =
        "apiVersion: v1\n"
        "kind: Config\n"
        "clusters:\n"
        "- name: fake\n"
        "  cluster:\n" +
        cluster +
        "users:\n"
        "- name: fake\n" +
        user +
        "contexts:\n"
        "- name: fake\n"
        "  context:\n"
        "    cluster: fake\n"
        "    user: fake\n"
        "    namespace: default\n"
        "current-context: fake\n";
    if (file.has_parent_path())
        std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        throw std::runtime_error("cannot write the kubeconfig " + file.string());
}

void fake_kubernetes_api::fail_image_pulls(std::string reason)
{
    std::lock_guard lock(state_->mutex);
    state_->image_pull_failure = std::move(reason);
}

void fake_kubernetes_api::inject(fake_fault fault)
{
    std::lock_guard lock(state_->mutex);
    state_->faults.add(std::move(fault));
}

void fake_kubernetes_api::fail_next(std::string method, std::string path, unsigned status,
                                    std::string message)
{
    inject({.method = std::move(method),
            .path = std::move(path),
            .kind = fake_fault_kind::error_status,
            .status = status,
            .message = std::move(message)});
}

void fake_kubernetes_api::clear_faults()
{
    std::lock_guard lock(state_->mutex);
    state_->faults.clear();
}

std::vector<fake_pod_info> fake_kubernetes_api::pods() const
{
    std::lock_guard lock(state_->mutex);
    std::vector<fake_pod_info> out;
    for (const auto& [key, p] : state_->pods)
        out.push_back(info_of(p));
    return out;
}

std::optional<fake_pod_info> fake_kubernetes_api::pod(std::string_view namespace_name,
                                                      std::string_view name) const
{
    std::lock_guard lock(state_->mutex);
    if (auto* p = state_->find_pod(namespace_name, name))
        return info_of(*p);
    return std::nullopt;
}

bool fake_kubernetes_api::remove_pod(std::string_view namespace_name, std::string_view name)
{
    {
        std::lock_guard lock(state_->mutex);
        auto* p = state_->find_pod(namespace_name, name);
        if (!p)
            return false;
        state_->remove(*p);
    }
    runner_->notify_change();
    return true;
}

std::vector<fake_request> fake_kubernetes_api::requests() const
{
    std::lock_guard lock(state_->mutex);
    return {state_->requests.begin(), state_->requests.end()};
}

std::size_t fake_kubernetes_api::open_connections() const
{
    return runner_->open_connections();
}

void fake_kubernetes_api::stop()
{
    runner_->stop();
}

}  // namespace agent_backends::test
