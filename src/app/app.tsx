/** The application shell; routes are added as features land. */
export function App() {
  return (
    <main className="p-6">
      <h1 className="text-lg font-semibold">ECG Reasoning Workbench</h1>
    </main>
  );
}
