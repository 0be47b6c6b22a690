/** Small shared building blocks: buttons, notices, badges, page and step headings. */
import type { ButtonHTMLAttributes, ReactNode, Ref } from "react";
import { AlertIcon, Spinner } from "./icons";

type Variant = "primary" | "secondary" | "ghost" | "danger" | "inverse" | "white";
type Size = "sm" | "md" | "lg";

const variants: Record<Variant, string> = {
  primary: "bg-gradient-to-r from-rose-500 to-violet-600 text-white shadow-sm shadow-rose-500/20 hover:from-rose-600 hover:to-violet-700 disabled:from-slate-300 disabled:to-slate-300 disabled:shadow-none",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 hover:border-slate-400 disabled:text-slate-400",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300",
  inverse: "border border-white/25 bg-white/10 text-white hover:bg-white/20",
  white: "bg-white text-slate-900 shadow-sm hover:bg-rose-50",
};

const sizes: Record<Size, string> = {
  sm: "h-9 gap-1.5 px-3 text-sm",
  md: "h-11 gap-2 px-4 text-sm",
  lg: "h-12 gap-2 px-6 text-base",
};

export function buttonClass(variant: Variant = "primary", size: Size = "md", extra = ""): string {
  return `inline-flex shrink-0 items-center justify-center rounded-xl font-semibold transition-colors disabled:cursor-not-allowed ${variants[variant]} ${sizes[size]} ${extra}`;
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
  busy?: boolean;
}

export function Button({ variant = "primary", size = "md", busy = false, className = "", children, disabled, type = "button", ...props }: ButtonProps) {
  return (
    <button type={type} className={buttonClass(variant, size, className)} disabled={disabled === true || busy} aria-busy={busy || undefined} {...props}>
      {busy && <Spinner className="size-4" />}
      {children}
    </button>
  );
}

export function ErrorNotice({ message, reference, referenceLabel, action }: { message: string; reference?: string | undefined; referenceLabel?: string; action?: ReactNode }) {
  return (
    <div role="alert" className="flex items-start gap-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-500" />
      <div className="min-w-0 flex-1">
        <p className="font-medium">{message}</p>
        {reference !== undefined && referenceLabel !== undefined && (
          <p className="mt-1 truncate font-mono text-xs text-red-700/70">
            {referenceLabel}: {reference}
          </p>
        )}
      </div>
      {action}
    </div>
  );
}

export function Badge({ tone = "slate", children, className = "", ...rest }: { tone?: "slate" | "rose" | "violet" | "emerald" | "amber"; children: ReactNode; className?: string; "data-testid"?: string }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700 ring-slate-200",
    rose: "bg-rose-50 text-rose-700 ring-rose-200",
    violet: "bg-violet-50 text-violet-700 ring-violet-200",
    emerald: "bg-emerald-50 text-emerald-700 ring-emerald-200",
    amber: "bg-amber-50 text-amber-800 ring-amber-200",
  } as const;
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]} ${className}`} {...rest}>
      {children}
    </span>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
        {description !== undefined && <p className="mt-1 max-w-2xl text-sm text-slate-600 sm:text-base">{description}</p>}
      </div>
      {actions}
    </div>
  );
}

/**
 * A numbered step of a dashboard form ("1 Choose a voice"). With a ref it can take focus (tabIndex
 * -1), which the result step uses to move the reader to a new result.
 */
export function StepHeading({ step, children, headingRef, compact = false }: { step: number; children: string; headingRef?: Ref<HTMLHeadingElement>; compact?: boolean }) {
  return (
    <h2 ref={headingRef} tabIndex={headingRef === undefined ? undefined : -1} className={`${compact ? "mb-3" : "mb-4"} flex items-center gap-2 text-base font-semibold text-slate-900`}>
      <span className="inline-flex size-6 items-center justify-center rounded-full bg-slate-900 text-xs text-white">{step}</span>
      {children}
    </h2>
  );
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 ${className}`}>{children}</section>;
}

export function FullPageSpinner({ label }: { label: string }) {
  return (
    <div className="flex min-h-[50dvh] items-center justify-center text-slate-500" role="status">
      <Spinner className="size-6" />
      <span className="sr-only">{label}</span>
    </div>
  );
}
