// SPA entry. A placeholder page until the dashboard lands: it shows the API's health and voices.
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import "./styles.css";

interface Voice {
  id: string;
  name: string;
  provider: string;
  language: string;
  gender: string;
}

function App() {
  const [voices, setVoices] = useState<Voice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetch("/api/voices?feature=tts")
      .then(async (response) => {
        if (!response.ok) throw new Error(`The API answered ${response.status}`);
        setVoices(((await response.json()) as { voices: Voice[] }).voices);
      })
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
  }, []);
  return (
    <main className="mx-auto max-w-3xl p-6 font-sans text-slate-900">
      <h1 className="text-3xl font-bold">SexyVoice</h1>
      <p className="mt-2 text-slate-600">AI voices in many languages. The dashboard is on its way.</p>
      {error && <p role="alert" className="mt-4 text-red-700">{error}</p>}
      {voices && (
        <ul className="mt-6 grid grid-cols-2 gap-2 sm:grid-cols-3" aria-label="Voices">
          {voices.map((voice) => (
            <li key={voice.id} className="rounded border border-slate-200 p-2">
              <span className="font-medium">{voice.name}</span>
              <span className="block text-xs text-slate-500">{voice.provider} · {voice.gender} · {voice.language}</span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
