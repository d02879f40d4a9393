// DeleteDialog on registries that cannot delete a tag alone: the manifest it points to instead.

#include "ui/dialogs/deletedialog.h"
#include "ui/dialogs/messagelabel.h"

#include <QLabel>
#include <QPushButton>

namespace Berth {

namespace {

// "a, b, c, …": the button names a few tags, the list below shows them all.
QString someTags(const QStringList &tags)
{
    constexpr int Shown = 3;
    return tags.size() <= Shown ? tags.join(u", ") : tags.mid(0, Shown).join(u", ") + u", …";
}

} // namespace

void DeleteDialog::deleteManifestInstead(const QList<TagInfo> &tags)
{
    m_target = Target::Manifest; // m_manifest stays empty (Delete disabled) until found
    setWindowTitle(tr("Delete Manifest"));
    const QString cannot = tr("This registry cannot delete a tag on its own: it removes a tag "
                              "only by deleting the manifest the tag points to, and every tag "
                              "of that manifest with it.");
    if (tags.size() != 1) {
        QStringList names;
        for (const TagInfo &tag : tags)
            names << tag.name;
        buildUi(cannot + u' ' + tr("Select one tag at a time to delete its manifest."), names);
        updateDeleteButton();
        return;
    }
    const QString tag = tags.first().name;
    buildUi(
        cannot + u"\n\n"
            + tr("Looking up the manifest %1:%2 points to and its tags…").arg(m_repository, tag),
        {});
    updateDeleteButton();
    Job<ManifestInfo> *job = m_client->manifestOfTag(m_repository, tag);
    m_infoJob = job;
    onFinished(job, this, [this, cannot](const Result<ManifestInfo> &r) {
        if (!r) {
            m_question->setText(cannot);
            m_message->showError(tr("Could not find the manifest the tag points to:") + u'\n'
                                 + r.error().toString());
            return;
        }
        showManifest(*r, cannot);
        m_deleteButton->setText(tr("&Delete manifest (tags: %1)").arg(someTags(r->tags)));
    });
}

} // namespace Berth
