#pragma once
// Whole-file reads for the YAML loaders, with the error text users see ("PATH: cannot read: reason").

#include "core/result.h"

#include <string>

namespace payops {

Result<std::string> readTextFile(const std::string& path);

} // namespace payops
