#include "sync_settings_dialog.h"

#include "core/json_field.h"
#include "sync/nats_ws_connection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace payops {

QStringList syncServerUrls(const QString& urls)
{
    QStringList out;
    for (const QString& u : urls.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out << u.trimmed(); // a part of blanks stays, to be refused as no URL
    return out;
}

bool isWebSocketUrl(const QString& url)
{
    return sync::webSocketUrlProblem(url).isEmpty();
}

QString webSocketUrlNote(const QString& url)
{
    const bool webSocket = url.startsWith(QLatin1String("ws://")) || url.startsWith(QLatin1String("wss://"));
    const QString problem = sync::webSocketUrlProblem(url);
    return !webSocket || problem.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(problem);
}

Result<sync::NatsConnectionOptions> syncConnectionOptions(const ConsoleSettings::SyncServer& server,
                                                          const QString& secret, const QString& clientName)
{
    sync::NatsConnectionOptions o;
    for (const QString& url : syncServerUrls(server.urls)) {
        if (!isWebSocketUrl(url))
            return Error{SyncSettingsDialog::tr("Server: '%1' is not a ws:// or wss:// URL%2")
                             .arg(url, webSocketUrlNote(url))
                             .toStdString()};
        o.urls << url;
    }
    o.name = clientName;
    o.caCertificateFile = server.caFile;
    o.verifyCertificates = server.verifyTls;
    if (server.authKind == QStringLiteral("token")) {
        o.auth.kind = sync::NatsAuthKind::Token;
        o.auth.token = secret;
    } else if (server.authKind == QStringLiteral("user")) {
        if (server.user.isEmpty())
            return Error{SyncSettingsDialog::tr("User: a user name is needed for user and password").toStdString()};
        o.auth.kind = sync::NatsAuthKind::UserPassword;
        o.auth.user = server.user;
        o.auth.password = secret;
    } else if (server.authKind == QStringLiteral("nkey")) {
        o.auth.kind = sync::NatsAuthKind::NKey;
        o.auth.nkeySeed = secret.trimmed();
    } else if (server.authKind == QStringLiteral("jwt")) {
        auto creds = sync::parseNatsCredentials(secret);
        if (!creds)
            return creds.failure();
        o.auth.kind = sync::NatsAuthKind::Jwt;
        o.auth.jwt = creds->jwt;
        o.auth.nkeySeed = creds->seed;
    }
    return o;
}

QString syncAuthKindLabel(const QString& kind)
{
    if (kind == QStringLiteral("token"))
        return SyncSettingsDialog::tr("Token");
    if (kind == QStringLiteral("user"))
        return SyncSettingsDialog::tr("User and password");
    if (kind == QStringLiteral("nkey"))
        return SyncSettingsDialog::tr("NKey seed");
    if (kind == QStringLiteral("jwt"))
        return SyncSettingsDialog::tr("JWT credentials (.creds file)");
    return SyncSettingsDialog::tr("No authentication");
}

SyncSettingsDialog::SyncSettingsDialog(const ConsoleSettings::SyncServer& current, SavedSecretReader savedSecret,
                                       QWidget* parent)
    : QDialog(parent), m_readSaved(std::move(savedSecret))
{
    // Work offline keeps the kind and the secret under the address, for the way back.
    if (current.authKind != QStringLiteral("none"))
        m_savedKind = current.authKind;
    m_savedUrls = current.urls;
    setObjectName(QStringLiteral("syncSettingsDialog"));
    setWindowTitle(tr("Remote sync"));
    auto* intro = new QLabel(tr("Connect to a NATS server's websocket listener to receive events from remote "
                                "services and send them your decisions. Without one, the console works offline "
                                "on this machine."));
    intro->setWordWrap(true);
    m_urls = new QLineEdit(current.urls);
    m_urls->setObjectName(QStringLiteral("syncUrls"));
    m_urls->setPlaceholderText(QStringLiteral("wss://nats.example.com:443"));
    m_urls->setToolTip(tr("Several servers of one cluster may be given, separated by commas."));
    m_auth = new QComboBox;
    m_auth->setObjectName(QStringLiteral("syncAuth"));
    for (const char* kind : {"none", "token", "user", "nkey", "jwt"})
        m_auth->addItem(syncAuthKindLabel(QLatin1String(kind)), QLatin1String(kind));
    m_auth->setCurrentIndex(std::max(0, m_auth->findData(current.authKind)));
    m_userLabel = new QLabel(tr("User"));
    m_user = new QLineEdit(current.user);
    m_user->setObjectName(QStringLiteral("syncUser"));
    m_secretLabel = new QLabel;
    m_secret = new QLineEdit;
    m_secret->setObjectName(QStringLiteral("syncSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    // Secrets are never shown again; an empty field keeps the one in the keychain.
    // JWT credentials are a file of several lines: read it, keep its text as the secret (keychain), show where
    // it came from.
    m_loadCreds = new QPushButton(tr("Load .creds file…"));
    m_loadCreds->setObjectName(QStringLiteral("syncLoadCreds"));
    connect(m_loadCreds, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("NATS credentials"), {}, tr("Credentials (*.creds);;All files (*)"));
        if (!f.isEmpty())
            loadCredentials(f);
    });
    m_ca = new QLineEdit(current.caFile);
    m_ca->setPlaceholderText(tr("system certificates"));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("CA certificate"), {}, tr("PEM files (*.pem *.crt)"));
        if (!f.isEmpty())
            m_ca->setText(f);
    });
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_ca, 1);
    caRow->addWidget(browse);
    m_verify = new QCheckBox(tr("Verify the server's certificate (wss://)"));
    m_verify->setChecked(current.verifyTls);
    m_verify->setToolTip(tr("Turn off only for a developer's self-signed server."));

    auto* form = new QFormLayout;
    form->addRow(tr("Server"), m_urls);
    form->addRow(tr("Authentication"), m_auth);
    form->addRow(m_userLabel, m_user);
    auto* secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_loadCreds);
    form->addRow(m_secretLabel, secretRow);
    form->addRow(tr("Extra CA"), caRow);
    form->addRow(QString(), m_verify);

    m_test = new QPushButton(tr("Test connection"));
    m_test->setObjectName(QStringLiteral("syncTest"));
    connect(m_test, &QPushButton::clicked, this, &SyncSettingsDialog::testConnection);
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("syncTestResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addStretch(1);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("syncError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#c62828"));
    m_error->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setText(tr("Save and connect"));
    auto* offline = buttons->addButton(tr("Work offline"), QDialogButtonBox::DestructiveRole);
    connect(offline, &QPushButton::clicked, this, [this] {
        m_offline = true;
        QDialog::accept();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &SyncSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(testRow);
    layout->addWidget(m_result);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &SyncSettingsDialog::updateFields);
    connect(m_urls, &QLineEdit::textChanged, this, &SyncSettingsDialog::updateFields);
    updateFields();
    resize(560, sizeHint().height());
    if (!m_savedKind.isEmpty() && !m_savedUrls.isEmpty() && m_readSaved) {
        const QPointer<SyncSettingsDialog> self(this);
        m_readSaved(m_savedUrls, [self](const QString& secret, const QString& error) {
            if (!self)
                return;
            // Unreadable (a locked or absent keychain): nothing is promised; Save and Test ask again and say why.
            self->m_openedSecret = !error.isEmpty() ? Saved::Unreadable : secret.isEmpty() ? Saved::No : Saved::Yes;
            self->updateFields();
        });
    }
}

SyncSettingsDialog::~SyncSettingsDialog() = default;

void SyncSettingsDialog::updateFields()
{
    const QString kind = m_auth->currentData().toString();
    m_userLabel->setVisible(kind == QStringLiteral("user"));
    m_user->setVisible(kind == QStringLiteral("user"));
    m_secretLabel->setVisible(kind != QStringLiteral("none"));
    m_secret->setVisible(kind != QStringLiteral("none"));
    m_secretLabel->setText(kind == QStringLiteral("token")  ? tr("Token")
                           : kind == QStringLiteral("nkey") ? tr("NKey seed")
                           : kind == QStringLiteral("jwt")  ? tr("Credentials")
                                                            : tr("Password"));
    // For JWT the field only names the file the credentials came from; the credentials themselves never show.
    const bool jwt = kind == QStringLiteral("jwt");
    m_loadCreds->setVisible(jwt);
    m_secret->setReadOnly(jwt);
    m_secret->setEchoMode(jwt ? QLineEdit::Normal : QLineEdit::Password);
    // "Keep the saved one" only where one of this kind is saved: not where the keychain said it has none for the
    // address the dialog opened with (a --sync-server start, a keychain that lost it), nor where it could not be read
    // at all (it promised a secret that Save then could not find, under any address). Another address typed may have
    // its own, or carry this one's over, which Save checks.
    const bool unreadable = kind == m_savedKind && m_openedSecret == Saved::Unreadable;
    const bool saved = kind == m_savedKind && !unreadable &&
                       !(m_openedSecret == Saved::No && m_urls->text().trimmed() == m_savedUrls.trimmed());
    m_secret->setPlaceholderText(jwt ? (saved        ? tr("the saved credentials are kept; load a file to replace them")
                                        : unreadable ? tr("the keychain cannot be read now: load a .creds file")
                                                     : tr("load a .creds file"))
                                     : (saved        ? tr("leave empty to keep the saved one")
                                        : unreadable ? tr("the keychain cannot be read now: enter it")
                                                     : tr("required")));
    // The field names the loaded file for JWT and holds what was typed otherwise: each comes back when its kind
    // does (switching from JWT to a token took "loaded from x.creds" as the token).
    if (jwt != m_showsCreds) {
        if (jwt)
            m_typed = m_secret->text();
        m_secret->setText(jwt ? m_credsSource : m_typed);
        m_showsCreds = jwt;
    }
}

QString SyncSettingsDialog::secretNeeded() const
{
    const QString kind = m_auth->currentData().toString();
    if (kind == QStringLiteral("none") || !secret().isEmpty() || kind == m_savedKind)
        return {};
    if (m_savedKind.isEmpty())
        return noneSaved();
    return kind == QStringLiteral("jwt")
               ? tr("Credentials: load a .creds file; the saved secret is for another kind of authentication.")
               : tr("%1: enter it; the saved secret is for another kind of authentication.").arg(m_secretLabel->text());
}

QString SyncSettingsDialog::noneSaved() const
{
    return m_auth->currentData().toString() == QStringLiteral("jwt")
               ? tr("Credentials: none are saved for this server; load a .creds file.")
               : tr("%1: none is saved for this server; enter it.").arg(m_secretLabel->text());
}

void SyncSettingsDialog::withSavedSecret(std::function<void(const QString& secret, const QString& whyNot)> then)
{
    const ConsoleSettings::SyncServer asked = server();
    const auto same = [asked](const ConsoleSettings::SyncServer& now) {
        return now.urls == asked.urls && now.authKind == asked.authKind && now.user == asked.user;
    };
    m_test->setEnabled(false);
    m_save->setEnabled(false);
    m_carried.clear();
    const QPointer<SyncSettingsDialog> self(this);
    const auto finish = [self, same, then](const QString& secret, const QString& error) {
        if (!self)
            return;
        self->m_test->setEnabled(true);
        self->m_save->setEnabled(true);
        if (!same(self->server()) || !self->secret().isEmpty())
            then({}, self->tr("The settings changed while the saved secret was read: try again."));
        else if (!error.isEmpty())
            then({}, self->tr("The saved secret cannot be read: %1").arg(error));
        else if (secret.isEmpty())
            then({}, self->noneSaved());
        else
            then(secret, {});
    };
    if (!m_readSaved) {
        finish({}, {});
        return;
    }
    m_readSaved(asked.urls, [self, asked, finish](const QString& secret, const QString& error) {
        if (!self)
            return;
        if (!secret.isEmpty() || !error.isEmpty() || self->m_savedUrls.isEmpty() || self->m_savedUrls == asked.urls) {
            finish(secret, error);
            return;
        }
        // A new address: Save carries the old one's over.
        self->m_readSaved(self->m_savedUrls, [self, finish](const QString& secret, const QString& error) {
            if (self)
                self->m_carried = secret;
            finish(secret, error);
        });
    });
}

ConsoleSettings::SyncServer SyncSettingsDialog::server() const
{
    ConsoleSettings::SyncServer s;
    s.urls = m_offline ? QString() : m_urls->text().trimmed();
    s.authKind = m_auth->currentData().toString();
    s.user = m_user->text().trimmed();
    s.caFile = m_ca->text().trimmed();
    s.verifyTls = m_verify->isChecked();
    return s;
}

void SyncSettingsDialog::showError(const QString& text)
{
    if (!text.isEmpty())
        m_result->clear(); // a test of what the fields held before; the error is about what they hold now
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

bool SyncSettingsDialog::loadCredentials(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        showError(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    const QString text = QString::fromUtf8(file.readAll());
    if (auto creds = sync::parseNatsCredentials(text); !creds) {
        showError(tr("%1: %2").arg(path, QString::fromStdString(creds.error())));
        return false;
    }
    m_creds = text;
    m_credsSource = tr("loaded from %1").arg(QFileInfo(path).fileName());
    m_secret->setText(m_credsSource);
    showError({});
    return true;
}

QString SyncSettingsDialog::secret() const
{
    if (m_auth->currentData().toString() == QStringLiteral("jwt"))
        return m_creds; // empty: keep the saved credentials
    return m_auth->currentData().toString() == QStringLiteral("none") ? QString() : m_secret->text();
}

QString SyncSettingsDialog::testResult() const
{
    return m_result->text();
}

void SyncSettingsDialog::accept()
{
    m_carried.clear(); // found by an earlier Test, for fields since changed
    if (m_urls->text().trimmed().isEmpty()) {
        showError(tr("Enter a server URL, or choose Work offline."));
        return;
    }
    if (const QString needed = secretNeeded(); !needed.isEmpty()) {
        showError(needed);
        return;
    }
    // Credentials not loaded again: the saved ones are kept, so only the rest is checked here.
    ConsoleSettings::SyncServer checked = server();
    if (checked.authKind == QStringLiteral("jwt") && secret().isEmpty())
        checked.authKind = QStringLiteral("none");
    auto options = syncConnectionOptions(checked, secret(), QStringLiteral("payops-console"));
    if (!options) {
        showError(QString::fromStdString(options.error()));
        return;
    }
    if (!secret().isEmpty() || m_auth->currentData().toString() == QStringLiteral("none")) {
        QDialog::accept();
        return;
    }
    // "Leave empty to keep the saved one": only where one is (the keychain lost it, or a --sync-server address it was
    // never saved under, and the console could not connect).
    withSavedSecret([this](const QString& saved, const QString& whyNot) {
        if (saved.isEmpty())
            showError(whyNot);
        else
            QDialog::accept();
    });
}

void SyncSettingsDialog::testConnection()
{
    showError({});
    if (const QString needed = secretNeeded(); !needed.isEmpty()) {
        finishTest(false, needed);
        return;
    }
    if (secret().isEmpty() && m_auth->currentData().toString() != QStringLiteral("none")) {
        // "Leave empty to keep the saved one": the test uses the saved one too (it tested none, and was refused).
        m_result->setText(tr("Reading the saved secret…"));
        withSavedSecret([this](const QString& saved, const QString& whyNot) {
            if (saved.isEmpty())
                finishTest(false, whyNot);
            else
                testWith(saved);
        });
        return;
    }
    testWith(secret());
}

void SyncSettingsDialog::testWith(const QString& secret)
{
    auto options = syncConnectionOptions(server(), secret, QStringLiteral("payops-console-test"));
    if (!options || options->urls.isEmpty()) {
        finishTest(false, options ? tr("Enter a server URL first.") : QString::fromStdString(options.error()));
        return;
    }
    options->connectTimeoutMs = 5000;
    m_test->setEnabled(false);
    m_result->setText(tr("Connecting to %1…").arg(options->urls.first()));
    m_probe = std::make_unique<sync::NatsWsConnection>(*options);
    sync::NatsWsConnection* probe = m_probe.get();
    connect(probe, &sync::NatsWsConnection::connected, this, [this, probe] {
        const auto& info = probe->serverInfo();
        // An unnamed server reports its 56-character id as its name; the address says more then. Each field read
        // with its type checked: a mistyped one (a number for a name) threw out of this slot and ended the console.
        std::string name = jsonFieldOr(info, "server_name", std::string());
        if (name.empty() || name == jsonFieldOr(info, "server_id", std::string()))
            name = probe->currentUrl().toStdString();
        finishTest(true, tr("Connected to %1 (NATS %2, JetStream %3).")
                             .arg(QString::fromStdString(name),
                                  QString::fromStdString(jsonFieldOr(info, "version", std::string("?"))),
                                  jsonFieldOr(info, "jetstream", false) ? tr("on") : tr("off — sync needs it")));
    });
    connect(probe, &sync::NatsWsConnection::serverError, this,
            [this](const QString& text) { finishTest(false, tr("The server refused: %1").arg(text)); });
    // One attempt: the test reports the first failure instead of retrying like the live connection does.
    connect(probe, &sync::NatsWsConnection::stateChanged, this, [this, probe](sync::NatsState s) {
        if (s == sync::NatsState::Reconnecting)
            finishTest(false, tr("No connection: %1").arg(probe->lastError()));
    });
    probe->open();
}

void SyncSettingsDialog::finishTest(bool ok, const QString& text)
{
    m_result->setText(text);
    m_result->setStyleSheet(ok ? QStringLiteral("color:#2e7d32") : QStringLiteral("color:#c62828"));
    m_test->setEnabled(true);
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->close();
        m_probe.release()->deleteLater();
    }
    Q_EMIT testFinished(ok);
}

} // namespace payops
