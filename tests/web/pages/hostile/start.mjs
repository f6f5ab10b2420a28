// start.html's bundle stand-in: the package's ES module entry, as a bundler would import it.
import { start } from '/dist/portal-widgets.mjs';

window.started = start({ siteHosts: 'www.example.gov.cn', base: '/dist/' });
