import { mount } from '../ui/mount';
import './popup.css';
import { App } from './App';

void mount(() => <App />);
