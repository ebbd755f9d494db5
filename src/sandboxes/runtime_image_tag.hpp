// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_RUNTIME_IMAGE_TAG_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_RUNTIME_IMAGE_TAG_HPP

#include <agent_backends/sandboxes/runtime_config.hpp>

#include <string>

namespace agent_backends::detail {

/// The repository every built runtime image is tagged under.
inline constexpr const char* runtime_image_repository = "agent-backends-runtime";

/// The configuration as compact JSON with sorted keys (empty `image`/`base_image` as null): the input of the
/// image tag's digest, so equal configurations share an image and any change gets a new one.
std::string runtime_canonical_json(const runtime_config& runtime);

}  // namespace agent_backends::detail

#endif
