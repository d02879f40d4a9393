#pragma once

#include "registry/registryclient.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QRadioButton;

namespace Berth {

// Part of the manifest delete dialog: asks the registry, as soon as it is built, which indexes
// in the repository list the manifest as a platform (deleting it would break them), says so
// with their tags, and makes the user choose: delete those indexes too, or delete the manifest
// anyway and leave them broken. Nothing is chosen for the user. When the check fails, the only
// choice is to delete without knowing. Hidden while checking and when nothing references it.
//
// Object names, for tests: "referencesText", "deleteIndexesChoice", "breakIndexesChoice".
class IndexReferencesBox : public QWidget
{
    Q_OBJECT
public:
    enum class State { Checking, Unreferenced, Referenced, Unknown };
    enum class Choice { None, DeleteIndexes, BreakIndexes };

    IndexReferencesBox(RegistryClient *client,
                       const QString &repository,
                       const QString &digest,
                       QWidget *parent = nullptr);
    ~IndexReferencesBox() override;

    State state() const { return m_state; }
    Choice choice() const;
    // May the manifest be deleted now? Unreferenced, or referenced (or unknown) with a choice.
    bool allowsDelete() const;
    // The indexes to delete first: those found, when the user chose to delete them.
    QList<ReferencingIndex> indexesToDelete() const;

Q_SIGNALS:
    void checked();       // the state left Checking
    void choiceChanged(); // a choice was made

private:
    void showResult(const Result<QList<ReferencingIndex>> &result);

    State m_state = State::Checking;
    QList<ReferencingIndex> m_indexes;
    QPointer<RegistryJob> m_job;
    QLabel *m_text;
    QRadioButton *m_deleteIndexes;
    QRadioButton *m_breakIndexes;
};

} // namespace Berth
