import '@patternfly/react-core/dist/styles/base.css';
import './page.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { LANGUAGE_KEY, startI18n } from './i18n';
import { pickLanguage } from './logic';
import { startSession } from './session';

const root = createRoot(document.getElementById('root') as HTMLElement);
// The app's routes live under the page's base URL (/realms/{realm}/backoffice/app/).
const basename = new URL(document.baseURI).pathname.replace(/\/$/, '');

startSession()
  .then(async (session) => {
    const tokenLocale = (session.keycloak.tokenParsed as { locale?: string } | undefined)?.locale;
    await startI18n(pickLanguage(localStorage.getItem(LANGUAGE_KEY), tokenLocale, navigator.language));
    root.render(
      <StrictMode>
        <BrowserRouter basename={basename}>
          <App session={session} />
        </BrowserRouter>
      </StrictMode>,
    );
  })
  .catch((error) => {
    root.render(<p role="alert">The page could not start: {String(error?.message ?? error)}</p>);
  });
