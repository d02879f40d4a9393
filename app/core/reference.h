#pragma once

#include "core/result.h"

#include <QString>

namespace Berth {

// A reference inside one registry: "repo", "team/app:tag", "team/app@sha256:...".
// (The registry itself is chosen separately, never part of the string.)
struct Reference
{
    QString repository;
    QString tag;    // empty when absent
    QString digest; // empty when absent

    bool hasTag() const { return !tag.isEmpty(); }
    bool hasDigest() const { return !digest.isEmpty(); }
    // What goes into /v2/<repo>/manifests/<ref>: the digest if present, else the tag.
    QString reference() const { return hasDigest() ? digest : tag; }
    QString toString() const;
};

enum class ReferenceNeeds { Nothing, TagOrDigest, Tag, Digest };

// Parses and validates against the OCI distribution grammar. `needs` says which
// suffix must be present. Errors use ErrorCode::InvalidArgument with a clear message.
Result<Reference> parseReference(const QString &text,
                                 ReferenceNeeds needs = ReferenceNeeds::Nothing);

// At most 255 characters of [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/...)*
bool isValidRepositoryName(const QString &name);
bool isValidTag(const QString &tag);       // [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}
bool isValidDigest(const QString &digest); // sha256:<64 lower hex> | sha512:<128 lower hex>

} // namespace Berth
