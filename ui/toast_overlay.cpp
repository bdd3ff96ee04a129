#include "toast_overlay.h"

#include "ui/theme.h"

#include <QEvent>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace payops {

ToastOverlay::ToastOverlay(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("toasts"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    m_layout->addStretch(1);
    parent->installEventFilter(this);
    reposition();
}

void ToastOverlay::show(const QString& text, const QString& key, bool critical, int ms)
{
    if (!key.isEmpty()) {
        for (QLabel* l : findChildren<QLabel*>()) {
            if (l->property("toastKey").toString() == key)
                return;
        }
    }
    auto* label = new QLabel(text, this);
    label->setProperty("toastKey", key);
    label->setWordWrap(true);
    label->setMaximumWidth(380);
    const QColor edge = critical ? Theme::severity(SeverityClass::Critical) : Theme::accent();
    label->setStyleSheet(
        QStringLiteral("QLabel{background:%1;color:%2;border-left:4px solid %3;"
                       "border-radius:4px;padding:8px 10px;}")
            .arg(palette().toolTipBase().color().name(), palette().toolTipText().color().name(), edge.name()));
    m_layout->addWidget(label);
    QWidget::show();
    raise();
    reposition();
    QTimer::singleShot(ms, label, [this, label] {
        label->deleteLater();
        QTimer::singleShot(0, this, [this] {
            if (findChildren<QLabel*>().isEmpty())
                hide();
            reposition();
        });
    });
}

QStringList ToastOverlay::visibleTexts() const
{
    QStringList out;
    for (QLabel* l : findChildren<QLabel*>())
        out << l->text();
    return out;
}

bool ToastOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        reposition();
    return QWidget::eventFilter(watched, event);
}

void ToastOverlay::reposition()
{
    const QWidget* p = parentWidget();
    const int w = 400;
    // Each toast as tall as its text wraps at the width it gets: the layout's size hint took the labels' own hints,
    // wrapped at another width, and two toasts together were cut to half a line each (a critical anomaly's evidence
    // unreadable).
    int needed = 0, toasts = 0;
    for (QLabel* l : findChildren<QLabel*>()) {
        needed += l->heightForWidth(std::min(w, l->maximumWidth()));
        ++toasts;
    }
    needed += m_layout->spacing() * std::max(toasts - 1, 0);
    const int h = std::min(p->height() - 60, std::max(needed, sizeHint().height()));
    setGeometry(p->width() - w - 16, p->height() - h - 40, w, std::max(h, 0));
}

} // namespace payops
