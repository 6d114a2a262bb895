import { Header } from './Header';
import { Notices } from './Notices';
import { SelfTest } from './SelfTest';
import { useHashSync } from './useHashSync';
import { useWorker } from './useWorker';
import { WorkerContext } from './workerContext';

export function App() {
  useHashSync();
  const client = useWorker();
  return (
    <WorkerContext.Provider value={client}>
      <Header />
      <Notices />
      <main>
        <SelfTest />
      </main>
    </WorkerContext.Provider>
  );
}
