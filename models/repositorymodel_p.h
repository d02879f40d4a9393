#pragma once

// The tree's node, shared by the files of RepositoryModel.

#include "models/pagingstate.h"
#include "models/repositorymodel.h"

#include <QHash>
#include <QSet>

namespace Berth {

struct RepositoryModel::Node
{
    Kind kind = Kind::Repository;
    QString name; // one path segment; a registry's display name
    QString path; // full repository path (folders: the prefix)
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    QHash<QString, Node *> folders; // child folders by segment

    // registry only
    quint64 id = 0;
    QPointer<RegistryClient> client;
    PagingState paging;
    QSet<QString> known; // repository paths already in the tree
    struct BlobUse
    {
        qint64 size = 0;
        int repositories = 0; // how many of its sized repositories reference it
    };
    QHash<QString, BlobUse> blobs; // of its sized repositories, each once
    qint64 sizedBytes = 0;         // their bytes: a blob in several repositories once
    int sizedCount = 0;
    int sizeFailedCount = 0; // repositories that could not be sized
    bool sizingAll = false;  // Size All runs

    // repository only
    std::optional<RepositoryInfo> info;
    bool detailsLoading = false;
    std::optional<RepositorySize> size;
    QString sizeError;       // why it could not be sized
    QStringList blobDigests; // the blobs its size counts in the registry's

    void adopt(std::unique_ptr<Node> child)
    {
        child->parent = this;
        child->row = int(children.size());
        children.push_back(std::move(child));
    }
    void renumber()
    {
        for (size_t i = 0; i < children.size(); ++i)
            children[i]->row = int(i);
    }
};

} // namespace Berth
