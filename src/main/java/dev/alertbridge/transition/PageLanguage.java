package dev.alertbridge.transition;

import java.util.EnumMap;
import java.util.Map;

import dev.alertbridge.alert.AlertSource;
import dev.alertbridge.alert.ServiceStatus;
import dev.alertbridge.config.Publish.Language;

/**
 * The built-in texts of one language, written for the customers who read the page: what happened and when, never
 * an alarm name, a description or an annotation. They use the placeholders of the templates; {@code {service}}
 * stands first in every clear-type sentence, so a service the configuration no longer names reads as
 * {@link #someService}.
 */
record PageLanguage(String title, String openDown, String openDegraded, String clearUp, String clearStillAffected,
        String correctedUp, String stillAffected, String alarmRemoved, String duplicate, String someService,
        String disruption, String degraded, Map<AlertSource, String> sources) {

    static PageLanguage of(Language language) {
        return ALL.get(language);
    }

    String status(ServiceStatus status) {
        return status == ServiceStatus.DEGRADED_PERFORMANCE ? degraded : disruption;
    }

    String source(AlertSource source) {
        return sources.get(source);
    }

    private static Map<AlertSource, String> sources(String cloudWatch, String uptrends, String prometheus,
            String grafana) {
        Map<AlertSource, String> names = new EnumMap<>(AlertSource.class);
        names.put(AlertSource.CLOUDWATCH, cloudWatch);
        names.put(AlertSource.UPTRENDS, uptrends);
        names.put(AlertSource.ALERTMANAGER, prometheus);
        names.put(AlertSource.GRAFANA, grafana);
        return names;
    }

    private static final Map<Language, PageLanguage> ALL = new EnumMap<>(Language.class);

    static {
        ALL.put(Language.EN, new PageLanguage("{service}: {status}",
                "We are investigating a disruption of {service} that began at {since}. We will post an update as "
                        + "soon as we know more.",
                "We are investigating degraded performance of {service} that began at {since}. We will post an "
                        + "update as soon as we know more.",
                "{service} has been operating normally again since {at}. We are monitoring the situation.",
                "The problem detected at {since} has not been seen since {at}. {service} remains affected by "
                        + "another ongoing incident; we are monitoring the situation.",
                "{service} is operating normally: no incident on it is ongoing any more.",
                "{service} remains affected by another ongoing incident.",
                "The check that reported this problem was removed at {at}.",
                "This incident was opened twice; updates continue in incident {kept}.",
                "The service", "Service disruption", "Degraded performance",
                sources("CloudWatch alarm", "Uptrends monitor", "Prometheus alert", "Grafana alert")));
        ALL.put(Language.FR, new PageLanguage("{service} : {status}",
                "Nous constatons depuis le {since} une perturbation du service {service} et en recherchons la "
                        + "cause. Nous publierons une mise à jour dès que possible.",
                "Nous constatons depuis le {since} un ralentissement du service {service} et en recherchons la "
                        + "cause. Nous publierons une mise à jour dès que possible.",
                "{service} fonctionne de nouveau normalement depuis le {at}. Nous restons attentifs.",
                "Le problème constaté le {since} n'est plus observé depuis le {at}. {service} reste touché par un "
                        + "autre incident en cours ; nous suivons la situation.",
                "{service} fonctionne normalement : plus aucun incident n'est en cours.",
                "{service} reste touché par un autre incident en cours.",
                "La surveillance qui signalait ce problème a été retirée le {at}.",
                "Cet incident a été ouvert deux fois ; la suite est publiée dans l'incident {kept}.",
                "Le service", "Perturbation du service", "Service ralenti",
                sources("alarme CloudWatch", "sonde Uptrends", "alerte Prometheus", "alerte Grafana")));
        ALL.put(Language.NL, new PageLanguage("{service}: {status}",
                "Sinds {since} is er een storing bij {service}. We onderzoeken de oorzaak en houden u op de hoogte.",
                "Sinds {since} reageert {service} trager dan normaal. We onderzoeken de oorzaak en houden u op de "
                        + "hoogte.",
                "{service} werkt sinds {at} weer normaal. We houden de situatie in de gaten.",
                "Het probleem dat op {since} werd vastgesteld, doet zich sinds {at} niet meer voor. {service} "
                        + "ondervindt nog hinder van een ander lopend incident; we houden de situatie in de gaten.",
                "{service} werkt normaal: er loopt geen incident meer.",
                "{service} ondervindt nog hinder van een ander lopend incident.",
                "De controle die dit probleem meldde, is op {at} verwijderd.",
                "Dit incident is twee keer aangemaakt; updates volgen in incident {kept}.",
                "De dienst", "Storing", "Verminderde prestaties",
                sources("CloudWatch-alarm", "Uptrends-monitor", "Prometheus-melding", "Grafana-melding")));
        ALL.put(Language.DE, new PageLanguage("{service}: {status}",
                "Seit {since} ist {service} gestört. Wir suchen nach der Ursache und informieren Sie, sobald wir "
                        + "mehr wissen.",
                "Seit {since} reagiert {service} langsamer als gewohnt. Wir suchen nach der Ursache und "
                        + "informieren Sie, sobald wir mehr wissen.",
                "{service} funktioniert seit {at} wieder normal. Wir beobachten die Lage weiter.",
                "Das am {since} festgestellte Problem tritt seit {at} nicht mehr auf. {service} ist durch einen "
                        + "anderen laufenden Vorfall weiterhin beeinträchtigt; wir beobachten die Lage.",
                "{service} funktioniert normal: Es ist kein Vorfall mehr offen.",
                "{service} ist durch einen anderen laufenden Vorfall weiterhin beeinträchtigt.",
                "Die Überwachung, die dieses Problem gemeldet hat, wurde am {at} entfernt.",
                "Dieser Vorfall wurde doppelt eröffnet; Aktualisierungen folgen in Vorfall {kept}.",
                "Der Dienst", "Störung", "Eingeschränkte Leistung",
                sources("CloudWatch-Alarm", "Uptrends-Monitor", "Prometheus-Alarm", "Grafana-Alarm")));
        ALL.put(Language.ES, new PageLanguage("{service}: {status}",
                "Estamos investigando una interrupción de {service} que comenzó el {since}. Le informaremos en "
                        + "cuanto sepamos más.",
                "Estamos investigando una lentitud de {service} que comenzó el {since}. Le informaremos en cuanto "
                        + "sepamos más.",
                "{service} vuelve a funcionar con normalidad desde el {at}. Seguimos vigilando la situación.",
                "El problema detectado el {since} ya no se observa desde el {at}. {service} sigue afectado por "
                        + "otra incidencia en curso; seguimos vigilando la situación.",
                "{service} funciona con normalidad: ya no hay ninguna incidencia en curso.",
                "{service} sigue afectado por otra incidencia en curso.",
                "La comprobación que informaba de este problema se retiró el {at}.",
                "Esta incidencia se abrió dos veces; las actualizaciones continúan en la incidencia {kept}.",
                "El servicio", "Interrupción del servicio", "Rendimiento degradado",
                sources("alarma de CloudWatch", "monitor de Uptrends", "alerta de Prometheus", "alerta de Grafana")));
    }
}
